// The functions' client: one Inngest client for the functions and for the app that sends their events (src/server/inngest-client.ts).
export { inngest, PAYMENT_INITIATED } from "../src/server/inngest-client";
