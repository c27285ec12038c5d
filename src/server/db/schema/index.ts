export * from "./auth";
export * from "./teams";
export * from "./billing";
export * from "./usage";
export * from "./support";
export * from "./ops";
export * from "./webhooks";
export * from "./events";
