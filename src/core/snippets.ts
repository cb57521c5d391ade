// Copy-ready code that loads one table, for the tools our readers use, written
// from the table's columns so that each reads it as published: text as text
// (Namibia's code `NA` is not a missing value, M49 `004` keeps its zeros),
// numbers as numbers, dates as dates. test/clients/snippets.test.ts runs the
// pandas and R lines in the real clients against every table.
import type { Column } from './table-types.ts';

export interface Snippet {
  tool: string;
  code: string;
}

/** What a snippet needs of a table: its name and columns. */
export interface SnippetTable {
  name: string;
  columns: readonly Column[];
}

const isText = (c: Column) => c.kind === 'string' || c.kind === 'list';
const isDate = (c: Column) => c.kind === 'date';
const quoted = (names: string[]) => names.map((n) => `"${n}"`);

/** pandas: text columns as str, empty cells (only) missing, dates parsed. */
export function pandasCsv(table: SnippetTable, csvUrl: string): string {
  const text = table.columns.filter(isText).map((c) => `"${c.name}": str`);
  const dates = table.columns.filter(isDate).map((c) => c.name);
  const options = ['keep_default_na=False', 'na_values=[""]', `dtype={${text.join(', ')}}`, ...(dates.length ? [`parse_dates=[${quoted(dates).join(', ')}]`] : [])];
  return `${variable(table)} = pd.read_csv("${csvUrl}", ${options.join(', ')})`;
}

/** pandas from JSON: no type guessing (it would read "004" as 4), dates parsed. */
export function pandasJson(table: SnippetTable, jsonArrayUrl: string): string {
  const dates = table.columns.filter(isDate).map((c) => c.name);
  return `${variable(table)} = pd.read_json("${jsonArrayUrl}", dtype=False, convert_dates=[${quoted(dates).join(', ')}])`;
}

/** R: text columns as character, dates as Date, and only empty cells missing (R reads "NA" as missing by default). */
export function rCsv(table: SnippetTable, csvUrl: string): string {
  const classes = table.columns.filter((c) => isText(c) || isDate(c)).map((c) => `${c.name} = "${isDate(c) ? 'Date' : 'character'}"`);
  return `${variable(table)} <- read.csv("${csvUrl}", encoding = "UTF-8", na.strings = "", colClasses = c(${classes.join(', ')}))`;
}

const variable = (table: SnippetTable) => table.name.replace(/[^a-z0-9]+/g, '_');

export function snippetsFor(table: SnippetTable, csvUrl: string): Snippet[] {
  return [
    { tool: 'Google Sheets', code: `=IMPORTDATA("${csvUrl}")` },
    {
      // Encoding 65001 is UTF-8: without it Excel reads accented names as Windows-1252.
      tool: 'Excel (Power Query, blank query → Advanced Editor)',
      code: [
        'let',
        `    Source = Csv.Document(Web.Contents("${csvUrl}"), [Delimiter = ",", Encoding = 65001, QuoteStyle = QuoteStyle.Csv]),`,
        '    Promoted = Table.PromoteHeaders(Source, [PromoteAllScalars = true])',
        'in',
        '    Promoted',
      ].join('\n'),
    },
    { tool: 'Python (pandas)', code: `import pandas as pd\n\n${pandasCsv(table, csvUrl)}` },
    { tool: 'R', code: rCsv(table, csvUrl) },
    { tool: 'curl', code: `curl -fsSL -o ${table.name}.csv "${csvUrl}"` },
  ];
}
