// The checklist file's one schema (checklist/*.yaml, `repro-audit/checklist@1`): sections of items,
// each {id, text, why, hint} plus either an automatic `evaluator` id or `manual: true`.
// Not here: loading the file (load.ts) or judging a report (evaluate.ts).

import { z } from "zod";

export const CHECKLIST_SCHEMA = "repro-audit/checklist@1";

const itemId = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "use lowercase letters, digits, . _ -, e.g. env.runtime");

export const checklistItemSchema = z
  .object({
    id: itemId,
    text: z.string().min(1).describe("What must hold, as a short sentence."),
    why: z.string().min(1).describe("Why it matters for reproducibility."),
    hint: z.string().min(1).describe("How to make it pass."),
    evaluator: z.string().min(1).optional().describe("Id of an automatic evaluator (src/checklist/evaluators.ts)."),
    manual: z.literal(true).optional().describe("A person decides, through a sign-off."),
  })
  .strict()
  .refine((i) => (i.evaluator === undefined) !== (i.manual === undefined), {
    message: "give exactly one of `evaluator: <id>` (automatic) or `manual: true`",
  });

export const checklistSectionSchema = z
  .object({
    id: itemId,
    title: z.string().min(1),
    items: z.array(checklistItemSchema).min(1),
  })
  .strict();

export const checklistSchema = z
  .object({
    schema: z.literal(CHECKLIST_SCHEMA),
    id: itemId,
    title: z.string().min(1),
    sections: z.array(checklistSectionSchema).min(1),
  })
  .strict();

export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type ChecklistSection = z.infer<typeof checklistSectionSchema>;
export type Checklist = z.infer<typeof checklistSchema>;
