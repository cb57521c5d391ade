// A compile-time check that a zod schema's output is exactly a wire type of
// src/core/: `true satisfies Same<z.infer<typeof s>, Wire>` fails to compile
// if either gains, loses or changes a property.
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
