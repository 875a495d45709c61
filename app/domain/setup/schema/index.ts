// Zod schemas shared by the staff setup forms (client validation through
// conform) and their actions (the same schema decides on the server), one file
// per form; what they share is in ./shared.
export * from "./shared";
export * from "./create-client";
export * from "./client-settings";
export * from "./team";
