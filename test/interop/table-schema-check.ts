// An independent reading of a Frictionless Table Schema (v2): checks parsed CSV
// records against the *published* schema, not against our zod schemas, so the
// test proves the document tells the truth about the bytes we serve.

type Json = Record<string, any>;

export interface CellProblem {
  resource: string;
  row: number;
  field?: string;
  message: string;
}

/** One typed value per cell, or null for a missing value. */
export type TypedRow = Record<string, unknown>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

function parseValue(field: Json, text: string): { value?: unknown; error?: string } {
  switch (field.type) {
    case 'string':
      if (field.format === 'uri' && !URL.canParse(text)) return { error: `"${text}" is not a URI` };
      return { value: text };
    case 'integer':
      return /^-?\d+$/.test(text) ? { value: Number(text) } : { error: `"${text}" is not an integer` };
    case 'number':
      return /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text) ? { value: Number(text) } : { error: `"${text}" is not a number` };
    case 'date':
      return isDate(text) ? { value: text } : { error: `"${text}" is not an ISO date` };
    case 'list':
      return { value: text.split(field.delimiter ?? ',') };
    default:
      return { error: `type ${field.type} is not handled by this checker` };
  }
}

function checkConstraints(field: Json, value: unknown): string[] {
  const c: Json = field.constraints ?? {};
  const errors: string[] = [];
  const scalar = Array.isArray(value) ? undefined : value;
  if (c.enum && !c.enum.includes(scalar)) errors.push(`${JSON.stringify(value)} is not in enum`);
  if (c.pattern && typeof scalar === 'string' && !new RegExp(`^(?:${c.pattern})$`).test(scalar)) errors.push(`"${scalar}" does not match ${c.pattern}`);
  if (c.minimum !== undefined && typeof scalar === 'number' && scalar < c.minimum) errors.push(`${scalar} < minimum ${c.minimum}`);
  if (c.maximum !== undefined && typeof scalar === 'number' && scalar > c.maximum) errors.push(`${scalar} > maximum ${c.maximum}`);
  if (c.minLength !== undefined && (Array.isArray(value) || typeof value === 'string') && value.length < c.minLength) {
    errors.push(`length ${value.length} < minLength ${c.minLength}`);
  }
  if (field.categories && !field.categories.some((cat: Json) => cat.value === scalar)) errors.push(`${JSON.stringify(value)} is not a category`);
  return errors;
}

/** Types and checks every cell of one resource; returns typed rows and every problem. */
export function checkRecords(resource: string, schema: Json, header: string[], records: string[][]): { rows: TypedRow[]; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const fields: Json[] = schema.fields;
  const names = fields.map((f) => f.name);
  if (JSON.stringify(header) !== JSON.stringify(names)) problems.push({ resource, row: 1, message: `header ${header.join(',')} is not the schema's fields ${names.join(',')}` });
  const missing: string[] = schema.missingValues ?? [''];
  const rows: TypedRow[] = [];
  const seen = new Map<string, Set<string>>(fields.filter((f) => f.constraints?.unique).map((f) => [f.name, new Set()]));
  records.forEach((record, i) => {
    const rowNumber = i + 2;
    if (record.length !== fields.length) problems.push({ resource, row: rowNumber, message: `${record.length} cells, expected ${fields.length}` });
    const row: TypedRow = {};
    fields.forEach((field, j) => {
      const text = record[j] ?? '';
      if (missing.includes(text)) {
        row[field.name] = null;
        if (field.constraints?.required) problems.push({ resource, row: rowNumber, field: field.name, message: 'required value is missing' });
        return;
      }
      const { value, error } = parseValue(field, text);
      if (error) return problems.push({ resource, row: rowNumber, field: field.name, message: error });
      for (const message of checkConstraints(field, value)) problems.push({ resource, row: rowNumber, field: field.name, message });
      const unique = seen.get(field.name);
      if (unique) {
        if (unique.has(text)) problems.push({ resource, row: rowNumber, field: field.name, message: `"${text}" is not unique` });
        unique.add(text);
      }
      row[field.name] = value;
    });
    rows.push(row);
  });
  const keys = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const key = JSON.stringify((schema.primaryKey ?? []).map((name: string) => row[name]));
    if (schema.primaryKey?.length && keys.has(key)) problems.push({ resource, row: i + 2, message: `primary key ${key} repeats` });
    keys.add(key);
  }
  return { rows, problems };
}

/** Every foreign key of every resource resolves to a row of the resource it names. */
export function checkForeignKeys(resources: { name: string; schema: Json; rows: TypedRow[] }[]): CellProblem[] {
  const problems: CellProblem[] = [];
  const byName = new Map(resources.map((r) => [r.name, r]));
  for (const resource of resources) {
    for (const fk of resource.schema.foreignKeys ?? []) {
      const target = byName.get(fk.reference.resource);
      if (!target) {
        problems.push({ resource: resource.name, row: 0, message: `foreign key names unknown resource ${fk.reference.resource}` });
        continue;
      }
      const keys = new Set(target.rows.map((r) => JSON.stringify(fk.reference.fields.map((f: string) => r[f]))));
      resource.rows.forEach((row, i) => {
        const values = fk.fields.map((f: string) => row[f]);
        if (values.every((v: unknown) => v === null)) return;
        if (!keys.has(JSON.stringify(values))) {
          problems.push({ resource: resource.name, row: i + 2, field: fk.fields.join(','), message: `${JSON.stringify(values)} has no match in ${target.name}` });
        }
      });
    }
  }
  return problems;
}
