// How many sessions one bulk request names by id (a plain value, so the interface reads it without the schemas).
// An "all matching" action over more runs as a bulk job in parts of this size, with progress and cancel.
export const MAX_BULK_IDS = 1000;
