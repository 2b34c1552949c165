/**
 * The schema of an e-form definition (zod), checked where definitions are loaded: the hall's site
 * configuration (hall-config.ts). The rules that fill and validate a form's answers are in
 * eform.ts, free of zod, so the browser apps that render forms do not carry the schema library.
 */
import { z } from 'zod';

const key = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'field ids are camelCase letters and digits');
const label = z.object({ vi: z.string().min(1), en: z.string().min(1) });

/** Card fields a form may prefill from (CardIdentity of the device contract). */
export const PREFILL_SOURCES = ['idNumber', 'fullName', 'dateOfBirth', 'sex', 'nationality', 'placeOfOrigin', 'placeOfResidence', 'dateOfIssue'] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

const showIf = z.object({ field: key, equals: z.union([z.string(), z.array(z.string()).min(1)]) });

const base = {
  id: key,
  label,
  hint: label.optional(),
  required: z.boolean().default(false),
  showIf: showIf.optional(),
  prefill: z.enum(PREFILL_SOURCES).optional(),
};

const leafField = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(2000).default(200), multiline: z.boolean().default(false) }),
  z.object({ ...base, type: z.literal('date'), notFuture: z.boolean().default(true) }),
  z.object({ ...base, type: z.literal('select'), options: z.array(z.object({ value: z.string().min(1), label })).min(1) }),
  z.object({ ...base, type: z.literal('address'), withDistrict: z.boolean().default(false) }),
  z.object({ ...base, type: z.literal('idNumber') }),
  z.object({ ...base, type: z.literal('phone') }),
  z.object({ ...base, type: z.literal('email') }),
]);
export type LeafField = z.infer<typeof leafField>;

const groupField = z.object({
  ...base,
  type: z.literal('group'),
  fields: z.array(leafField).min(1),
  minItems: z.number().int().min(0).default(0),
  maxItems: z.number().int().min(1).max(20).default(10),
});
export type GroupField = z.infer<typeof groupField>;

export const eformFieldSchema = z.union([leafField, groupField]);
export type EFormField = z.infer<typeof eformFieldSchema>;

export const eformSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: label,
    sections: z.array(z.object({ title: label, fields: z.array(eformFieldSchema).min(1) })).min(1),
  })
  .superRefine((form, ctx) => {
    const checkLevel = (fields: readonly { id: string; showIf?: { field: string } | undefined }[], path: (string | number)[]): void => {
      const ids = new Set<string>();
      fields.forEach((f, i) => {
        if (ids.has(f.id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `duplicate field id ${f.id}` });
        ids.add(f.id);
      });
      fields.forEach((f, i) => {
        if (f.showIf && !ids.has(f.showIf.field))
          ctx.addIssue({ code: 'custom', path: [...path, i, 'showIf'], message: `showIf names unknown field ${f.showIf.field}` });
      });
    };
    const top = form.sections.flatMap((s) => s.fields);
    checkLevel(top, ['sections']);
    top.forEach((f, i) => {
      if (f.type === 'group') checkLevel(f.fields, ['sections', i, 'fields']);
    });
  });
export type EFormDefinition = z.infer<typeof eformSchema>;
