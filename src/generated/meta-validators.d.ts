// Types for the ajv standalone modules in this folder.
export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
}
export interface StandaloneValidate {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
