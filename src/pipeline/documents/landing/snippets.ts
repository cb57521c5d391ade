// Copy-ready code that loads one table's CSV, for the tools our readers use.

export interface Snippet {
  tool: string;
  code: string;
}

export function snippetsFor(table: string, csvUrl: string): Snippet[] {
  const variable = table.replace(/[^a-z0-9]+/g, '_');
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
    { tool: 'Python (pandas)', code: `import pandas as pd\n\n${variable} = pd.read_csv("${csvUrl}", keep_default_na=False, na_values=[""])` },
    { tool: 'R', code: `${variable} <- read.csv("${csvUrl}", encoding = "UTF-8", na.strings = "")` },
    { tool: 'curl', code: `curl -fsSL -o ${table}.csv "${csvUrl}"` },
  ];
}
