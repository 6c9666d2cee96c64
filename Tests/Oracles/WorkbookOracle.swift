import Foundation

/// Reads workbooks back with two independent readers — openpyxl (types, number formats,
/// frozen panes, filters, sheet names) and LibreOffice headless (a real spreadsheet
/// application) — and compares each workbook's first sheet cell by cell with the CSV that
/// callqa wrote for the same report.
public enum WorkbookOracle {
  /// What the readers found: a list of problems (empty when every check held) and, per
  /// workbook, its sheet names as openpyxl reads them.
  public struct Verdict: Decodable {
    public var problems: [String]
    public var sheets: [String: [String]]
    public var rows: [String: Int]
  }

  /// Checks each `(xlsx, csv)` pair; `csv` may be nil when the report has no CSV to compare.
  /// LibreOffice is used when installed (`useLibreOffice`), openpyxl always.
  public static func check(_ pairs: [(xlsx: String, csv: String?)], useLibreOffice: Bool = LibreOffice.isInstalled) throws -> Verdict {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wb-oracle-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    if useLibreOffice { try LibreOffice.convertToCSV(pairs.map(\.xlsx), into: folder.path) }
    let manifest = folder.appendingPathComponent("pairs.json")
    let list = pairs.map { ["xlsx": $0.xlsx, "csv": $0.csv ?? ""] }
    try JSONSerialization.data(withJSONObject: ["pairs": list, "lo": useLibreOffice ? folder.path : ""]).write(to: manifest)
    let output = try Python.output(script, arguments: [manifest.path])
    return try JSONDecoder().decode(Verdict.self, from: Data(output.utf8))
  }

  static let script = #"""
    import csv, json, math, os, re, sys
    import openpyxl
    spec = json.load(open(sys.argv[1]))
    problems, sheets, rows = [], {}, {}
    FORBIDDEN = set('[]:*?/\\')

    def read_csv(path, encoding):
        with open(path, newline='', encoding=encoding) as f:
            return list(csv.reader(f))

    def number(text):
        t = text.strip()
        if t.endswith('%'): t = t[:-1]
        try:
            v = float(t)
        except ValueError:
            return None
        return v  # LibreOffice writes a fraction with a % format as its percentage: 79.4%

    def same(ours, theirs, where):
        # our CSV neutralises text that would start a formula with a leading apostrophe
        if ours.startswith("'") and ours[1:2] in ('=', '+', '-', '@', '\t', '\r'):
            ours = ours[1:]
        a, b = number(ours), number(theirs)
        if a is not None and b is not None:
            if not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6):
                problems.append(f"{where}: {ours!r} != {theirs!r}")
        elif ours != theirs:
            problems.append(f"{where}: {ours!r} != {theirs!r}")

    for pair in spec['pairs']:
        x, c = pair['xlsx'], pair['csv']
        name = os.path.basename(x)
        wb = openpyxl.load_workbook(x)
        sheets[name] = wb.sheetnames
        if wb.sheetnames[-1] != 'About':
            problems.append(f"{name}: last sheet is {wb.sheetnames[-1]!r}, not About")
        for s in wb.sheetnames:
            if len(s) > 31 or FORBIDDEN & set(s):
                problems.append(f"{name}: invalid sheet name {s!r}")
        ws = wb.worksheets[0]
        rows[name] = ws.max_row
        if ws.freeze_panes != 'A2':
            problems.append(f"{name}: header not frozen ({ws.freeze_panes})")
        if not ws.auto_filter.ref:
            problems.append(f"{name}: no autofilter")
        header = list(ws.iter_rows(min_row=1, max_row=1))[0]
        if not all(cell.font.b for cell in header):
            problems.append(f"{name}: header not bold")
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, (int, float)) and cell.number_format == 'General':
                    problems.append(f"{name}!{cell.coordinate}: number without a number format")
        if not c:
            continue
        ours = read_csv(c, 'utf-8-sig')
        # openpyxl: the same cells, numbers as numbers
        values = [[cell.value for cell in row] for row in ws.iter_rows()]
        if len(values) != len(ours):
            problems.append(f"{name}: {len(values)} rows in openpyxl, {len(ours)} in the CSV")
        for r, (orow, vrow) in enumerate(zip(ours, values), start=1):
            for col, text in enumerate(orow):
                v = vrow[col] if col < len(vrow) else None
                fmt = ws.cell(row=r, column=col + 1).number_format
                if v is None:
                    shown = ''
                elif isinstance(v, (int, float)):
                    if number(text) is None:
                        problems.append(f"{name}!R{r}C{col+1}: number {v} where the CSV has text {text!r}")
                        continue
                    shown = repr(v * 100 if fmt.endswith('%') else v)
                else:
                    shown = v
                same(text, shown, f"{name} openpyxl R{r}C{col+1}")
        # LibreOffice: the first sheet as a real spreadsheet reads it
        if spec['lo']:
            stem = os.path.splitext(name)[0]
            lo_path = os.path.join(spec['lo'], f"{stem}-{wb.sheetnames[0]}.csv")
            if not os.path.exists(lo_path):
                problems.append(f"{name}: LibreOffice wrote no CSV for sheet {wb.sheetnames[0]!r}")
                continue
            theirs = read_csv(lo_path, 'utf-8')
            if len(theirs) != len(ours):
                problems.append(f"{name}: {len(theirs)} rows in LibreOffice, {len(ours)} in the CSV")
            for r, (orow, trow) in enumerate(zip(ours, theirs), start=1):
                width = max(len(orow), len(trow))
                orow = orow + [''] * (width - len(orow)); trow = trow + [''] * (width - len(trow))
                for col in range(width):
                    same(orow[col], trow[col], f"{name} LibreOffice R{r}C{col+1}")
    print(json.dumps({"problems": problems[:50], "sheets": sheets, "rows": rows}, ensure_ascii=False))
    """#
}
