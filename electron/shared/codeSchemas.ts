import { z } from 'zod';

const DocumentIdSchema = z.string().min(1).max(64);

/** A symbol of a code document: lines are 1-based like citations, `character` the 0-based UTF-16 column. */
export const CodeSymbolSchema = z.object({
  name: z.string(),
  /** function, method, class, struct, interface, variable… */
  kind: z.string(),
  documentId: z.string(),
  documentName: z.string(),
  line: z.number().int().positive(),
  endLine: z.number().int().positive(),
  character: z.number().int().nonnegative(),
  /** The symbol it belongs to (a method's class), or null. */
  container: z.string().nullable(),
  /** The declaration's head, up to its body. */
  signature: z.string(),
  /** Nesting in the file's outline: 0 for top-level symbols. */
  depth: z.number().int().nonnegative(),
});
export type CodeSymbol = z.infer<typeof CodeSymbolSchema>;

/** A place in a code document. */
export const CodeLocationSchema = z.object({
  documentId: z.string(),
  documentName: z.string(),
  line: z.number().int().positive(),
  character: z.number().int().nonnegative(),
});
export type CodeLocation = z.infer<typeof CodeLocationSchema>;

export const CodeOutlineInputSchema = z.strictObject({ documentId: DocumentIdSchema });
/** The outline in document order, nested by `depth`; empty for a document the code index does not read. */
export const CodeOutlineSchema = z.object({ symbols: z.array(CodeSymbolSchema) });

export const CodeDefinitionInputSchema = z.strictObject({
  documentId: DocumentIdSchema,
  line: z.number().int().positive().max(10_000_000),
  character: z.number().int().nonnegative().max(1_000_000),
});
export const CodeDefinitionSchema = z.object({ locations: z.array(CodeLocationSchema) });
