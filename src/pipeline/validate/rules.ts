// Rules across rows and tables, beyond what one row's schema can say.
import type { Row } from '../../core/table-types.ts';
import type { DataProblem } from './data-problem.ts';
import type { TypedTable } from './rows.ts';

type Tables = Map<string, TypedTable>;

export function checkRules(release: string, tables: Tables): DataProblem[] {
  return [
    ...uniqueKeys(release, tables),
    ...foreignKeys(release, tables),
    ...participantCounts(release, tables),
    ...hostsParticipate(release, tables),
    ...datesOrdered(release, tables),
  ];
}

const keyOf = (row: Row, fields: readonly string[]) => fields.map((f) => String(row[f] ?? '')).join('/');

function at(release: string, t: TypedTable, i: number, rest: Omit<DataProblem, 'release' | 'table'>): DataProblem {
  const line = t.lines[i];
  return { release, table: t.table.name, ...(line ? { line } : {}), key: keyOf(t.rows[i] ?? {}, t.table.primaryKey), ...rest };
}

function uniqueKeys(release: string, tables: Tables): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const t of tables.values()) {
    const seen = new Map<string, number>();
    t.rows.forEach((row, i) => {
      const key = keyOf(row, t.table.primaryKey);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else {
        problems.push(
          at(release, t, i, {
            field: t.table.primaryKey.join(','),
            rule: 'unique-key',
            message: `duplicate ${t.table.primaryKey.join(', ')} ${JSON.stringify(key)}, first used on line ${t.lines[first]}`,
          }),
        );
      }
    });
  }
  return problems;
}

function foreignKeys(release: string, tables: Tables): DataProblem[] {
  const problems: DataProblem[] = [];
  const valuesOf = (resource: string, field: string) => new Set((tables.get(resource)?.rows ?? []).map((r) => String(r[field])));
  for (const t of tables.values()) {
    for (const fk of t.table.foreignKeys) {
      const known = valuesOf(fk.reference.resource, fk.reference.fields.join('/'));
      t.rows.forEach((row, i) => {
        const value = keyOf(row, fk.fields);
        if (!known.has(value)) {
          problems.push(
            at(release, t, i, {
              field: fk.fields.join(','),
              rule: 'foreign-key',
              message: `${JSON.stringify(value)} is not a ${fk.reference.resource}.${fk.reference.fields.join(',')}`,
            }),
          );
        }
      });
    }
    for (const column of t.table.columns) {
      if (!column.references) continue;
      const { resource, field } = column.references;
      const known = valuesOf(resource, field);
      t.rows.forEach((row, i) => {
        const cell = row[column.name];
        for (const value of Array.isArray(cell) ? cell : []) {
          if (!known.has(value)) {
            problems.push(
              at(release, t, i, {
                field: column.name,
                rule: 'foreign-key',
                message: `${JSON.stringify(value)} is not a ${resource}.${field}`,
              }),
            );
          }
        }
      });
    }
  }
  return problems;
}

/** Where a participant list is published, it must have as many countries as the published count. */
function participantCounts(release: string, tables: Tables): DataProblem[] {
  const operations = tables.get('operations');
  const roles = tables.get('country_roles');
  if (!operations || !roles) return [];
  const problems: DataProblem[] = [];
  operations.rows.forEach((op, i) => {
    const listed = new Set(roles.rows.filter((r) => r.operation_id === op.operation_id && r.role === 'participant').map((r) => r.iso2));
    if (listed.size > 0 && listed.size !== op.participant_count) {
      problems.push(
        at(release, operations, i, {
          field: 'participant_count',
          rule: 'participant-count',
          message: `says ${op.participant_count} participants but country_roles lists ${listed.size}`,
        }),
      );
    }
  });
  return problems;
}

/** A coordination-unit host must be among the participants, where a participant list exists. */
function hostsParticipate(release: string, tables: Tables): DataProblem[] {
  const roles = tables.get('country_roles');
  if (!roles) return [];
  const participants = new Set(roles.rows.filter((r) => r.role === 'participant').map((r) => `${r.operation_id}/${r.iso2}`));
  const hasList = new Set(roles.rows.filter((r) => r.role === 'participant').map((r) => r.operation_id));
  const problems: DataProblem[] = [];
  roles.rows.forEach((row, i) => {
    if (row.role !== 'coordination_unit_host' || !hasList.has(row.operation_id)) return;
    if (!participants.has(`${row.operation_id}/${row.iso2}`)) {
      problems.push(
        at(release, roles, i, {
          field: 'iso2',
          rule: 'host-participates',
          message: `${row.iso2} hosts a coordination unit of ${row.operation_id} but is not listed as a participant`,
        }),
      );
    }
  });
  return problems;
}

function datesOrdered(release: string, tables: Tables): DataProblem[] {
  const operations = tables.get('operations');
  if (!operations) return [];
  const problems: DataProblem[] = [];
  operations.rows.forEach((op, i) => {
    const order: [string, string][] = [
      ['start_date', 'end_date'],
      ['end_date', 'announced_date'],
    ];
    for (const [before, after] of order) {
      if (String(op[before]) > String(op[after])) {
        problems.push(
          at(release, operations, i, { field: after, rule: 'date-order', message: `${after} ${op[after]} is before ${before} ${op[before]}` }),
        );
      }
    }
  });
  return problems;
}
