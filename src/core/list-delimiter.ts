// Shared by the source parser, the CSV renderer and the documents; plain, so the Worker carries no zod.

/** Joined form of list values in CSV cells, in source files and in served CSV alike. */
export const LIST_DELIMITER = ';';
