/**
 * Application models written with zod 4, the way an app defines its data:
 * scripts/build-real-world-corpus.ts emits each with zod's own
 * `z.toJSONSchema(model)` (draft 2020-12, zod's defaults) into
 * test/fixtures/real-world/zod/<name>.json. The models are this project's own.
 */
import { z } from "zod";

const money = z.object({
  amount: z.number().multipleOf(0.01).nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/).describe("ISO 4217 code"),
});
const address = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1),
  region: z.string().optional(),
  postalCode: z.string().max(16),
  country: z.string().length(2).describe("ISO 3166-1 alpha-2"),
});
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
const phone = z.string().regex(/^\+[1-9]\d{1,14}$/).describe("E.164");
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/);

const user = z.object({
  id: z.uuid(),
  email: z.email(),
  displayName: z.string().min(1).max(80),
  avatarUrl: z.url().nullable(),
  role: z.enum(["owner", "admin", "member", "guest"]),
  emailVerified: z.boolean(),
  createdAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().nullable().optional(),
  locale: z.string().default("en-US"),
});

const order = z.object({
  id: z.string().regex(/^ord_[A-Za-z0-9]{14}$/),
  customerId: z.uuid(),
  status: z.enum(["pending", "paid", "shipped", "delivered", "cancelled", "refunded"]),
  lines: z
    .array(
      z.object({
        sku: z.string().min(1),
        name: z.string(),
        quantity: z.int().min(1).max(999),
        unitPrice: money,
        discount: money.optional(),
      }),
    )
    .min(1),
  shippingAddress: address,
  billingAddress: address.optional(),
  total: money,
  placedAt: z.iso.datetime(),
  notes: z.string().max(1000).optional(),
});

const product = z.object({
  id: z.uuid(),
  slug,
  title: z.string().min(1).max(140),
  description: z.string().max(5000),
  price: money,
  compareAtPrice: money.nullable(),
  tags: z.array(z.string().min(1).max(32)).max(20),
  images: z.array(z.object({ url: z.url(), alt: z.string().optional(), width: z.int().positive(), height: z.int().positive() })),
  inStock: z.boolean(),
  attributes: z.record(z.string(), z.string()),
});

const post = z.object({
  id: z.uuid(),
  slug,
  title: z.string().min(1).max(200),
  body: z.string(),
  format: z.enum(["markdown", "html", "plain"]).default("markdown"),
  authorId: z.uuid(),
  tags: z.array(slug).max(10),
  status: z.enum(["draft", "scheduled", "published", "archived"]),
  publishedAt: z.iso.datetime().nullable(),
  readingTimeMinutes: z.int().min(0).optional(),
  seo: z.object({ title: z.string().max(70).optional(), description: z.string().max(160).optional(), canonicalUrl: z.url().optional() }).optional(),
});

interface CommentNode {
  id: string;
  author: string;
  body: string;
  createdAt: string;
  replies: CommentNode[];
}
const comment: z.ZodType<CommentNode> = z.object({
  id: z.uuid(),
  author: z.string().min(1),
  body: z.string().min(1).max(10000),
  createdAt: z.iso.datetime(),
  replies: z.array(z.lazy(() => comment)),
});

const analyticsEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("page_view"), url: z.url(), referrer: z.url().optional(), at: z.iso.datetime(), sessionId: z.string() }),
  z.object({ type: z.literal("click"), elementId: z.string(), x: z.number(), y: z.number(), at: z.iso.datetime(), sessionId: z.string() }),
  z.object({ type: z.literal("purchase"), orderId: z.string(), value: money, at: z.iso.datetime(), sessionId: z.string() }),
  z.object({ type: z.literal("signup"), method: z.enum(["email", "google", "github"]), at: z.iso.datetime(), sessionId: z.string() }),
]);

const userSettings = z.object({
  userId: z.uuid(),
  theme: z.enum(["light", "dark", "system"]).default("system"),
  language: z.string().regex(/^[a-z]{2}(?:-[A-Z]{2})?$/),
  timezone: z.string(),
  notifications: z.object({
    email: z.boolean().default(true),
    push: z.boolean().default(false),
    digest: z.enum(["never", "daily", "weekly"]).default("weekly"),
    quietHours: z.object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) }).nullable(),
  }),
  privacy: z.object({ profileVisible: z.boolean(), showEmail: z.boolean() }),
  shortcuts: z.record(z.string(), z.string()).optional(),
});

const invoice = z.object({
  number: z.string().regex(/^INV-\d{4}-\d{6}$/),
  issuedAt: z.iso.date(),
  dueAt: z.iso.date(),
  seller: z.object({ name: z.string(), vatId: z.string().optional(), address }),
  buyer: z.object({ name: z.string(), email: z.email(), address }),
  items: z.array(z.object({ description: z.string(), quantity: z.number().positive(), unitPrice: money, taxRate: z.number().min(0).max(1) })).min(1),
  subtotal: money,
  tax: money,
  total: money,
  status: z.enum(["draft", "open", "paid", "void", "uncollectible"]),
  paidAt: z.iso.datetime().nullable(),
});

const payment = z.object({
  id: z.string().startsWith("pay_"),
  invoiceNumber: z.string(),
  amount: money,
  method: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("card"), brand: z.enum(["visa", "mastercard", "amex"]), last4: z.string().regex(/^\d{4}$/), expMonth: z.int().min(1).max(12), expYear: z.int().min(2000).max(2100) }),
    z.object({ kind: z.literal("bank_transfer"), iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/), reference: z.string() }),
    z.object({ kind: z.literal("wallet"), provider: z.enum(["apple_pay", "google_pay", "paypal"]) }),
  ]),
  status: z.enum(["requires_action", "processing", "succeeded", "failed"]),
  failureReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

const subscription = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  plan: z.enum(["free", "starter", "pro", "enterprise"]),
  seats: z.int().min(1).max(10000),
  interval: z.enum(["month", "year"]),
  currentPeriodStart: z.iso.datetime(),
  currentPeriodEnd: z.iso.datetime(),
  cancelAtPeriodEnd: z.boolean(),
  trialEndsAt: z.iso.datetime().nullable(),
  addOns: z.array(z.object({ code: z.string(), quantity: z.int().positive() })).default([]),
});

const customer = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  email: z.email(),
  phone: phone.optional(),
  company: z.string().nullable(),
  addresses: z.array(address.extend({ kind: z.enum(["billing", "shipping"]), isDefault: z.boolean() })),
  marketingOptIn: z.boolean(),
  lifetimeValue: money,
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

const shipment = z.object({
  trackingNumber: z.string().min(8).max(40),
  carrier: z.enum(["ups", "fedex", "dhl", "usps", "royal_mail"]),
  orderId: z.string(),
  weightKg: z.number().positive().max(1000),
  dimensionsCm: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  events: z.array(
    z.object({
      at: z.iso.datetime(),
      status: z.enum(["label_created", "picked_up", "in_transit", "out_for_delivery", "delivered", "exception"]),
      location: z.string().optional(),
      description: z.string(),
    }),
  ),
  estimatedDelivery: z.iso.date().nullable(),
});

const inventoryItem = z.object({
  sku: z.string().regex(/^[A-Z0-9-]{4,32}$/),
  warehouse: z.string(),
  onHand: z.int().min(0),
  reserved: z.int().min(0),
  reorderPoint: z.int().min(0),
  bin: z.string().regex(/^[A-Z]\d{2}-\d{2}$/).optional(),
  lastCountedAt: z.iso.datetime().nullable(),
  lots: z.array(z.object({ lot: z.string(), quantity: z.int().min(0), expiresOn: z.iso.date().optional() })),
});

const review = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  authorName: z.string().min(1).max(60),
  rating: z.int().min(1).max(5),
  title: z.string().max(120).optional(),
  body: z.string().min(10).max(5000),
  verifiedPurchase: z.boolean(),
  helpfulVotes: z.int().min(0).default(0),
  createdAt: z.iso.datetime(),
  response: z.object({ body: z.string(), respondedAt: z.iso.datetime() }).nullable(),
});

const notification = z.object({
  id: z.uuid(),
  recipientId: z.uuid(),
  channel: z.enum(["in_app", "email", "sms", "push"]),
  template: z.string(),
  payload: z.record(z.string(), z.unknown()),
  priority: z.enum(["low", "normal", "high"]).default("normal"),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

const auditLogEntry = z.object({
  id: z.string(),
  actor: z.object({ type: z.enum(["user", "service", "system"]), id: z.string(), ip: z.ipv4().optional() }),
  action: z.string().regex(/^[a-z]+(?:\.[a-z_]+)+$/),
  target: z.object({ type: z.string(), id: z.string() }),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })).optional(),
  at: z.iso.datetime(),
  requestId: z.uuid(),
});

const session = z.object({
  id: z.string().min(32).max(64),
  userId: z.uuid(),
  userAgent: z.string().max(512),
  ip: z.union([z.ipv4(), z.ipv6()]),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revoked: z.boolean(),
  mfa: z.object({ method: z.enum(["totp", "webauthn", "sms"]), verifiedAt: z.iso.datetime() }).optional(),
});

const apiKey = z.object({
  id: z.string().startsWith("key_"),
  label: z.string().max(100),
  prefix: z.string().length(8),
  scopes: z.array(z.enum(["read", "write", "admin"])).min(1),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});

const organization = z.object({
  id: z.uuid(),
  name: z.string().min(2).max(100),
  slug,
  plan: z.enum(["free", "team", "business"]),
  billingEmail: z.email(),
  members: z.array(z.object({ userId: z.uuid(), role: z.enum(["owner", "admin", "member"]), joinedAt: z.iso.datetime() })),
  settings: z.object({ ssoEnforced: z.boolean(), allowedDomains: z.array(z.string()), defaultRole: z.enum(["admin", "member"]) }),
  brandColor: hexColor.optional(),
});

const project = z.object({
  id: z.uuid(),
  key: z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/),
  name: z.string().min(1),
  description: z.string().optional(),
  ownerId: z.uuid(),
  visibility: z.enum(["private", "internal", "public"]),
  archived: z.boolean(),
  labels: z.array(z.object({ name: z.string(), color: hexColor })),
  createdAt: z.iso.datetime(),
});

const task = z.object({
  id: z.uuid(),
  projectKey: z.string(),
  number: z.int().positive(),
  title: z.string().min(1).max(255),
  description: z.string().nullable(),
  status: z.enum(["backlog", "todo", "in_progress", "in_review", "done"]),
  priority: z.enum(["none", "low", "medium", "high", "urgent"]),
  assigneeIds: z.array(z.uuid()).max(10),
  estimatePoints: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(5), z.literal(8), z.literal(13)]).optional(),
  dueOn: z.iso.date().nullable(),
  checklist: z.array(z.object({ text: z.string(), done: z.boolean() })),
});

const calendarEvent = z.object({
  id: z.uuid(),
  title: z.string().min(1),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  allDay: z.boolean(),
  location: z.string().optional(),
  attendees: z.array(z.object({ email: z.email(), response: z.enum(["needs_action", "accepted", "declined", "tentative"]), optional: z.boolean() })),
  recurrence: z
    .object({
      frequency: z.enum(["daily", "weekly", "monthly", "yearly"]),
      interval: z.int().min(1).max(99),
      byDay: z.array(z.enum(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])).optional(),
      until: z.iso.date().optional(),
      count: z.int().positive().optional(),
    })
    .nullable(),
  reminders: z.array(z.object({ minutesBefore: z.int().min(0).max(40320), method: z.enum(["popup", "email"]) })),
});

const chatMessage = z.object({
  id: z.uuid(),
  channelId: z.string(),
  authorId: z.uuid(),
  text: z.string().max(4000),
  attachments: z.array(
    z.discriminatedUnion("type", [
      z.object({ type: z.literal("image"), url: z.url(), width: z.int(), height: z.int() }),
      z.object({ type: z.literal("file"), url: z.url(), name: z.string(), sizeBytes: z.int().min(0) }),
      z.object({ type: z.literal("link"), url: z.url(), title: z.string().optional() }),
    ]),
  ),
  mentions: z.array(z.uuid()),
  reactions: z.record(z.string(), z.array(z.uuid())),
  editedAt: z.iso.datetime().nullable(),
  threadRootId: z.uuid().nullable(),
  sentAt: z.iso.datetime(),
});

const featureFlag = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  description: z.string(),
  enabled: z.boolean(),
  rolloutPercent: z.int().min(0).max(100),
  rules: z.array(
    z.object({
      attribute: z.string(),
      operator: z.enum(["equals", "not_equals", "in", "contains", "gt", "lt"]),
      values: z.array(z.union([z.string(), z.number()])).min(1),
      variation: z.string(),
    }),
  ),
  variations: z.record(z.string(), z.union([z.boolean(), z.string(), z.number()])),
  updatedAt: z.iso.datetime(),
});

const webhookDelivery = z.object({
  id: z.uuid(),
  endpointUrl: z.url(),
  event: z.string(),
  attempt: z.int().min(1).max(20),
  request: z.object({ headers: z.record(z.string(), z.string()), body: z.string() }),
  response: z.object({ status: z.int().min(100).max(599), durationMs: z.number().min(0), body: z.string().max(10000).optional() }).nullable(),
  succeeded: z.boolean(),
  nextRetryAt: z.iso.datetime().nullable(),
});

const fileUpload = z.object({
  id: z.uuid(),
  filename: z.string().min(1).max(255),
  contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/),
  sizeBytes: z.int().min(0).max(5368709120),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  storage: z.object({ bucket: z.string(), key: z.string() }),
  uploadedBy: z.uuid(),
  uploadedAt: z.iso.datetime(),
  scan: z.object({ status: z.enum(["pending", "clean", "infected"]), scannedAt: z.iso.datetime().optional() }),
});

const booking = z.object({
  confirmation: z.string().regex(/^[A-Z0-9]{6}$/),
  hotelId: z.string(),
  guest: z.object({ firstName: z.string(), lastName: z.string(), email: z.email(), phone: phone.optional() }),
  checkIn: z.iso.date(),
  checkOut: z.iso.date(),
  rooms: z.array(z.object({ type: z.enum(["single", "double", "suite"]), adults: z.int().min(1).max(4), children: z.int().min(0).max(4) })).min(1),
  rate: money,
  breakfastIncluded: z.boolean(),
  specialRequests: z.string().max(500).optional(),
  cancellable: z.boolean(),
});

const recipe = z.object({
  id: z.uuid(),
  title: z.string(),
  servings: z.int().min(1).max(100),
  prepMinutes: z.int().min(0),
  cookMinutes: z.int().min(0),
  difficulty: z.enum(["easy", "medium", "hard"]),
  ingredients: z.array(z.object({ name: z.string(), quantity: z.number().positive().optional(), unit: z.enum(["g", "kg", "ml", "l", "tsp", "tbsp", "cup", "piece"]).optional() })).min(1),
  steps: z.array(z.string().min(1)).min(1),
  tags: z.array(z.string()),
  nutrition: z.object({ calories: z.number().min(0), proteinG: z.number().min(0), carbsG: z.number().min(0), fatG: z.number().min(0) }).partial(),
});

const surveyResponse = z.object({
  surveyId: z.uuid(),
  respondentId: z.uuid().nullable(),
  submittedAt: z.iso.datetime(),
  answers: z.array(
    z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("rating"), questionId: z.string(), value: z.int().min(0).max(10) }),
      z.object({ kind: z.literal("choice"), questionId: z.string(), selected: z.array(z.string()).min(1) }),
      z.object({ kind: z.literal("text"), questionId: z.string(), text: z.string().max(2000) }),
    ]),
  ),
  completed: z.boolean(),
});

const coupon = z.object({
  code: z.string().regex(/^[A-Z0-9]{4,16}$/),
  discount: z.union([z.object({ percentOff: z.number().gt(0).max(100) }), z.object({ amountOff: money })]),
  validFrom: z.iso.datetime(),
  validUntil: z.iso.datetime().nullable(),
  maxRedemptions: z.int().positive().nullable(),
  timesRedeemed: z.int().min(0),
  appliesTo: z.array(z.string()).optional(),
  firstOrderOnly: z.boolean().default(false),
});

const supportTicket = z.object({
  id: z.int().positive(),
  subject: z.string().min(3).max(150),
  requester: z.object({ name: z.string(), email: z.email() }),
  status: z.enum(["new", "open", "pending", "on_hold", "solved", "closed"]),
  priority: z.enum(["low", "normal", "high", "urgent"]),
  channel: z.enum(["email", "web", "chat", "phone"]),
  tags: z.array(z.string()),
  messages: z.array(z.object({ from: z.enum(["customer", "agent"]), body: z.string(), at: z.iso.datetime(), internal: z.boolean() })),
  satisfaction: z.object({ score: z.enum(["good", "bad"]), comment: z.string().optional() }).nullable(),
});

const expenseReport = z.object({
  id: z.uuid(),
  employeeId: z.string(),
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  expenses: z.array(
    z.object({
      date: z.iso.date(),
      category: z.enum(["travel", "meals", "lodging", "software", "equipment", "other"]),
      merchant: z.string(),
      amount: money,
      receiptUrl: z.url().nullable(),
      billable: z.boolean(),
    }),
  ),
  approvals: z.array(z.object({ approverId: z.string(), decision: z.enum(["approved", "rejected"]), at: z.iso.datetime(), note: z.string().optional() })),
  submitted: z.boolean(),
});

const telemetry = z.object({
  deviceId: z.string().regex(/^dev-[0-9a-f]{12}$/),
  firmware: z.string().regex(/^\d+\.\d+\.\d+$/),
  recordedAt: z.iso.datetime(),
  location: z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]).describe("[latitude, longitude]"),
  battery: z.number().min(0).max(100),
  readings: z.array(z.object({ sensor: z.enum(["temperature", "humidity", "pressure", "co2"]), value: z.number(), unit: z.string() })).min(1),
  alerts: z.array(z.string()).optional(),
});

const playlist = z.object({
  id: z.uuid(),
  name: z.string().min(1).max(100),
  ownerId: z.uuid(),
  public: z.boolean(),
  collaborative: z.boolean(),
  tracks: z.array(
    z.object({
      trackId: z.string(),
      title: z.string(),
      artists: z.array(z.string()).min(1),
      durationMs: z.int().min(0),
      explicit: z.boolean(),
      addedAt: z.iso.datetime(),
    }),
  ),
  followers: z.int().min(0),
  coverImage: z.url().nullable(),
});

const employee = z.object({
  id: z.string().regex(/^E\d{6}$/),
  firstName: z.string(),
  lastName: z.string(),
  workEmail: z.email(),
  title: z.string(),
  department: z.enum(["engineering", "sales", "marketing", "finance", "people", "operations"]),
  managerId: z.string().regex(/^E\d{6}$/).nullable(),
  startDate: z.iso.date(),
  employment: z.enum(["full_time", "part_time", "contractor", "intern"]),
  salary: money.optional(),
  skills: z.array(z.object({ name: z.string(), level: z.int().min(1).max(5) })),
  emergencyContact: z.object({ name: z.string(), phone, relation: z.string() }).optional(),
});

/** Name → model; the names become the fixture file names. */
export const zodModels: Record<string, z.ZodType> = {
  "user": user,
  "order": order,
  "product": product,
  "post": post,
  "comment-thread": comment,
  "analytics-event": analyticsEvent,
  "user-settings": userSettings,
  "invoice": invoice,
  "payment": payment,
  "subscription": subscription,
  "customer": customer,
  "shipment": shipment,
  "inventory-item": inventoryItem,
  "review": review,
  "notification": notification,
  "audit-log-entry": auditLogEntry,
  "session": session,
  "api-key": apiKey,
  "organization": organization,
  "project": project,
  "task": task,
  "calendar-event": calendarEvent,
  "chat-message": chatMessage,
  "feature-flag": featureFlag,
  "webhook-delivery": webhookDelivery,
  "file-upload": fileUpload,
  "booking": booking,
  "recipe": recipe,
  "survey-response": surveyResponse,
  "coupon": coupon,
  "support-ticket": supportTicket,
  "expense-report": expenseReport,
  "telemetry": telemetry,
  "playlist": playlist,
  "employee": employee,
};
