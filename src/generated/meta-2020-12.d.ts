import type { StandaloneValidate } from "./meta-validators.js";
export declare const validate: StandaloneValidate;
export default validate;
