/**
 * Application models written with TypeBox's Type builder: each is emitted as
 * TypeBox produces it (JSON.stringify drops TypeBox's symbol keys) into
 * test/fixtures/real-world/typebox/<name>.json by
 * scripts/build-real-world-corpus.ts. The models are this project's own.
 *
 * Not used: `Type.Tuple`, which emits draft-07 style `items: [...]` +
 * `additionalItems`, not valid draft 2020-12 (TypeBox output carries no
 * `$schema`, so the gateway reads it as 2020-12).
 */
import { Type, type TSchema } from "@sinclair/typebox";

const Money = Type.Object({
  amount: Type.Integer({ minimum: 0, description: "Minor units (cents)" }),
  currency: Type.Union([Type.Literal("USD"), Type.Literal("EUR"), Type.Literal("GBP"), Type.Literal("JPY")]),
});
const Timestamps = Type.Object({
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
const GeoPoint = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
});

const catalogProduct = Type.Object(
  {
    sku: Type.String({ pattern: "^[A-Z]{3}-\\d{5}$" }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    price: Money,
    categories: Type.Array(Type.String(), { uniqueItems: true, maxItems: 8 }),
    variants: Type.Array(
      Type.Object({
        id: Type.String(),
        color: Type.Optional(Type.String()),
        size: Type.Optional(Type.Union([Type.Literal("XS"), Type.Literal("S"), Type.Literal("M"), Type.Literal("L"), Type.Literal("XL")])),
        stock: Type.Integer({ minimum: 0 }),
      }),
    ),
    active: Type.Boolean(),
  },
  { $id: "CatalogProduct", additionalProperties: false },
);

const cart = Type.Object({
  id: Type.String({ format: "uuid" }),
  customerId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
  items: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer({ minimum: 1, maximum: 99 }), unitPrice: Money }), { maxItems: 100 }),
  couponCode: Type.Optional(Type.String({ pattern: "^[A-Z0-9]{4,16}$" })),
  expiresAt: Type.String({ format: "date-time" }),
});

const customerProfile = Type.Composite([
  Type.Object({
    id: Type.String({ format: "uuid" }),
    email: Type.String({ format: "email" }),
    fullName: Type.String({ minLength: 1 }),
    birthday: Type.Optional(Type.String({ format: "date" })),
    loyalty: Type.Object({ tier: Type.Union([Type.Literal("bronze"), Type.Literal("silver"), Type.Literal("gold")]), points: Type.Integer({ minimum: 0 }) }),
  }),
  Timestamps,
]);

const helpdeskTicket = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    title: Type.String({ minLength: 5, maxLength: 200 }),
    state: Type.Union([Type.Literal("open"), Type.Literal("waiting"), Type.Literal("resolved")]),
    severity: Type.Integer({ minimum: 1, maximum: 4 }),
    reporter: Type.Object({ name: Type.String(), email: Type.String({ format: "email" }) }),
    assignee: Type.Union([Type.String(), Type.Null()]),
    labels: Type.Array(Type.String({ maxLength: 40 })),
    comments: Type.Array(Type.Object({ author: Type.String(), text: Type.String(), at: Type.String({ format: "date-time" }) })),
  },
  { description: "A helpdesk ticket" },
);

const invoiceLine = Type.Object({
  invoiceId: Type.String(),
  position: Type.Integer({ minimum: 1 }),
  description: Type.String(),
  quantity: Type.Number({ exclusiveMinimum: 0 }),
  unit: Type.Union([Type.Literal("hour"), Type.Literal("day"), Type.Literal("piece"), Type.Literal("month")]),
  unitPrice: Money,
  vatPercent: Type.Number({ minimum: 0, maximum: 30 }),
});

const webhookEndpoint = Type.Object(
  {
    id: Type.String(),
    url: Type.String({ format: "uri" }),
    secret: Type.String({ minLength: 32, maxLength: 64 }),
    events: Type.Array(Type.String({ pattern: "^[a-z]+\\.[a-z_]+$" }), { minItems: 1 }),
    enabled: Type.Boolean(),
    headers: Type.Record(Type.String(), Type.String()),
    failureCount: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

const rolloutFlag = Type.Object({
  key: Type.String({ pattern: "^[a-z][a-z0-9-]*$" }),
  enabled: Type.Boolean(),
  percentage: Type.Integer({ minimum: 0, maximum: 100 }),
  environments: Type.Record(Type.Union([Type.Literal("development"), Type.Literal("staging"), Type.Literal("production")]), Type.Boolean()),
  owner: Type.String({ format: "email" }),
});

const blogArticle = Type.Intersect([
  Type.Object({
    id: Type.String({ format: "uuid" }),
    title: Type.String({ minLength: 1 }),
    body: Type.String(),
    tags: Type.Array(Type.String()),
    published: Type.Boolean(),
  }),
  Timestamps,
]);

const categoryTree = Type.Recursive((This) =>
  Type.Object({
    id: Type.String(),
    name: Type.String({ minLength: 1 }),
    slug: Type.String({ pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" }),
    children: Type.Array(This),
  }),
);

const sensorReading = Type.Object({
  sensorId: Type.String({ pattern: "^S[0-9]{4}$" }),
  kind: Type.Union([Type.Literal("temperature"), Type.Literal("humidity"), Type.Literal("pm25")]),
  value: Type.Number(),
  recordedAt: Type.String({ format: "date-time" }),
  location: GeoPoint,
  battery: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
});

const flightBooking = Type.Object({
  pnr: Type.String({ pattern: "^[A-Z0-9]{6}$" }),
  passengers: Type.Array(
    Type.Object({
      firstName: Type.String(),
      lastName: Type.String(),
      type: Type.Union([Type.Literal("adult"), Type.Literal("child"), Type.Literal("infant")]),
      seat: Type.Optional(Type.String({ pattern: "^[0-9]{1,2}[A-K]$" })),
    }),
    { minItems: 1, maxItems: 9 },
  ),
  segments: Type.Array(
    Type.Object({
      flight: Type.String({ pattern: "^[A-Z0-9]{2}[0-9]{1,4}$" }),
      from: Type.String({ pattern: "^[A-Z]{3}$" }),
      to: Type.String({ pattern: "^[A-Z]{3}$" }),
      departure: Type.String({ format: "date-time" }),
      cabin: Type.Union([Type.Literal("economy"), Type.Literal("premium"), Type.Literal("business"), Type.Literal("first")]),
    }),
    { minItems: 1 },
  ),
  total: Money,
});

const movie = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  year: Type.Integer({ minimum: 1888, maximum: 2100 }),
  runtimeMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
  genres: Type.Array(Type.String()),
  rating: Type.Union([Type.Literal("G"), Type.Literal("PG"), Type.Literal("PG-13"), Type.Literal("R"), Type.Literal("NC-17")]),
  cast: Type.Array(Type.Object({ name: Type.String(), character: Type.String(), order: Type.Integer({ minimum: 0 }) })),
  score: Type.Union([Type.Number({ minimum: 0, maximum: 10 }), Type.Null()]),
});

const bookLoan = Type.Object({
  loanId: Type.String(),
  isbn: Type.String({ pattern: "^(?:97[89])?\\d{9}[\\dX]$" }),
  memberId: Type.String(),
  borrowedOn: Type.String({ format: "date" }),
  dueOn: Type.String({ format: "date" }),
  returnedOn: Type.Optional(Type.String({ format: "date" })),
  renewals: Type.Integer({ minimum: 0, maximum: 3 }),
});

const bankTransaction = Type.Object({
  id: Type.String({ format: "uuid" }),
  accountId: Type.String(),
  bookedAt: Type.String({ format: "date-time" }),
  amount: Money,
  direction: Type.Union([Type.Literal("credit"), Type.Literal("debit")]),
  counterparty: Type.Object({ name: Type.String(), iban: Type.Optional(Type.String({ pattern: "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$" })) }),
  category: Type.Optional(Type.String()),
  pending: Type.Boolean(),
});

const jobPosting = Type.Object({
  id: Type.String(),
  title: Type.String({ minLength: 3 }),
  company: Type.String(),
  remote: Type.Union([Type.Literal("onsite"), Type.Literal("hybrid"), Type.Literal("remote")]),
  location: Type.Optional(Type.String()),
  salaryRange: Type.Optional(Type.Object({ min: Type.Integer({ minimum: 0 }), max: Type.Integer({ minimum: 0 }), currency: Type.String({ pattern: "^[A-Z]{3}$" }) })),
  skills: Type.Array(Type.String(), { uniqueItems: true }),
  postedAt: Type.String({ format: "date-time" }),
  applyUrl: Type.String({ format: "uri" }),
});

const appointment = Type.Object({
  id: Type.String({ format: "uuid" }),
  patientRef: Type.String(),
  practitioner: Type.String(),
  start: Type.String({ format: "date-time" }),
  durationMinutes: Type.Integer({ minimum: 5, maximum: 480, multipleOf: 5 }),
  mode: Type.Union([Type.Literal("in_person"), Type.Literal("video"), Type.Literal("phone")]),
  status: Type.Union([Type.Literal("booked"), Type.Literal("arrived"), Type.Literal("fulfilled"), Type.Literal("cancelled"), Type.Literal("noshow")]),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
});

const chatRoom = Type.Object({
  id: Type.String(),
  name: Type.String({ minLength: 1, maxLength: 80 }),
  topic: Type.Optional(Type.String()),
  private: Type.Boolean(),
  members: Type.Array(Type.Object({ userId: Type.String(), role: Type.Union([Type.Literal("owner"), Type.Literal("moderator"), Type.Literal("member")]) }), { minItems: 1 }),
  pinnedMessageIds: Type.Array(Type.String()),
  slowModeSeconds: Type.Integer({ minimum: 0, maximum: 21600 }),
});

const poll = Type.Object({
  id: Type.String(),
  question: Type.String({ minLength: 1 }),
  options: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), votes: Type.Integer({ minimum: 0 }) }), { minItems: 2, maxItems: 10 }),
  multipleChoice: Type.Boolean(),
  closesAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});

const deployment = Type.Object({
  id: Type.String(),
  service: Type.String({ pattern: "^[a-z][a-z0-9-]{1,40}$" }),
  version: Type.String({ pattern: "^v\\d+\\.\\d+\\.\\d+$" }),
  environment: Type.Union([Type.Literal("dev"), Type.Literal("staging"), Type.Literal("prod")]),
  commit: Type.String({ pattern: "^[0-9a-f]{40}$" }),
  status: Type.Union([Type.Literal("queued"), Type.Literal("running"), Type.Literal("succeeded"), Type.Literal("failed"), Type.Literal("rolled_back")]),
  startedAt: Type.String({ format: "date-time" }),
  finishedAt: Type.Optional(Type.String({ format: "date-time" })),
  triggeredBy: Type.String(),
});

const emailMessage = Type.Object({
  messageId: Type.String(),
  from: Type.String({ format: "email" }),
  to: Type.Array(Type.String({ format: "email" }), { minItems: 1 }),
  cc: Type.Optional(Type.Array(Type.String({ format: "email" }))),
  subject: Type.String({ maxLength: 998 }),
  text: Type.Optional(Type.String()),
  html: Type.Optional(Type.String()),
  attachments: Type.Array(Type.Object({ filename: Type.String(), contentType: Type.String(), size: Type.Integer({ minimum: 0 }) })),
  receivedAt: Type.String({ format: "date-time" }),
});

const place = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal("restaurant"), Type.Literal("cafe"), Type.Literal("museum"), Type.Literal("park")]),
  location: GeoPoint,
  address: Type.Optional(Type.String()),
  openingHours: Type.Array(Type.Object({ day: Type.Integer({ minimum: 0, maximum: 6 }), opens: Type.String({ pattern: "^\\d{2}:\\d{2}$" }), closes: Type.String({ pattern: "^\\d{2}:\\d{2}$" }) })),
  website: Type.Optional(Type.String({ format: "uri" })),
  priceLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
});

const warehouseStock = Type.Object({
  warehouse: Type.String({ pattern: "^WH-[A-Z]{2}\\d{2}$" }),
  sku: Type.String(),
  quantity: Type.Integer({ minimum: 0 }),
  reserved: Type.Integer({ minimum: 0 }),
  lastMovement: Type.Object({ kind: Type.Union([Type.Literal("in"), Type.Literal("out"), Type.Literal("adjust")]), quantity: Type.Integer(), at: Type.String({ format: "date-time" }) }),
});

const userPublic = Type.Pick(
  Type.Object({ id: Type.String(), email: Type.String({ format: "email" }), passwordHash: Type.String(), name: Type.String(), avatar: Type.Optional(Type.String({ format: "uri" })) }),
  ["id", "name", "avatar"],
);

const settingsPatch = Type.Partial(
  Type.Object({ theme: Type.Union([Type.Literal("light"), Type.Literal("dark")]), fontSize: Type.Integer({ minimum: 8, maximum: 32 }), language: Type.String(), notifications: Type.Boolean() }),
);

/** Name → model; the names become the fixture file names. */
export const typeboxModels: Record<string, TSchema> = {
  "catalog-product": catalogProduct,
  "cart": cart,
  "customer-profile": customerProfile,
  "helpdesk-ticket": helpdeskTicket,
  "invoice-line": invoiceLine,
  "webhook-endpoint": webhookEndpoint,
  "rollout-flag": rolloutFlag,
  "blog-article": blogArticle,
  "category-tree": categoryTree,
  "sensor-reading": sensorReading,
  "flight-booking": flightBooking,
  "movie": movie,
  "book-loan": bookLoan,
  "bank-transaction": bankTransaction,
  "job-posting": jobPosting,
  "appointment": appointment,
  "chat-room": chatRoom,
  "poll": poll,
  "deployment": deployment,
  "email-message": emailMessage,
  "place": place,
  "warehouse-stock": warehouseStock,
  "user-public": userPublic,
  "settings-patch": settingsPatch,
};
