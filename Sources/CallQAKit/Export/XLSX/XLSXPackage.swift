/// The fixed parts of an Office Open XML workbook package (ECMA-376 part 2): content
/// types, relationships and the workbook part that lists the sheets.
enum XLSXPackage {
  static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  /// `[Content_Types].xml` for `sheetCount` worksheets.
  static func contentTypes(sheetCount: Int) -> String {
    let sheets = (1...max(sheetCount, 1)).map {
      "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
      <Default Extension="xml" ContentType="application/xml"/>\
      <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
      <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
      <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
      <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
      \(sheets.joined())</Types>
      """
  }

  /// `_rels/.rels`: the package's relationships to the workbook and document properties.
  static let rootRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
    </Relationships>
    """

  /// `xl/_rels/workbook.xml.rels`: the workbook's sheets and styles.
  static func workbookRelationships(sheetCount: Int) -> String {
    let sheets = (1...max(sheetCount, 1)).map {
      "<Relationship Id=\"rId\($0)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
    }
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      \(sheets.joined())\
      <Relationship Id="rId\(sheetCount + 1)" Type="\(relationshipNamespace)/styles" Target="styles.xml"/>\
      </Relationships>
      """
  }

  /// A sheet as the workbook part lists it: its name and, when it has an autofilter, the
  /// filtered range (Excel and LibreOffice find the filter through a hidden defined name).
  struct SheetEntry {
    var name: String
    var filterRange: String?
  }

  /// `xl/workbook.xml`.
  static func workbook(_ sheets: [SheetEntry]) -> String {
    let list = sheets.enumerated().map { index, sheet in
      "<sheet name=\"\(XLSXText.escaped(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
    }
    let filters = sheets.enumerated().compactMap { index, sheet -> String? in
      guard let range = sheet.filterRange else { return nil }
      let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
      return "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">\(XLSXText.escaped(quoted))!\(range)</definedName>"
    }
    let names = filters.isEmpty ? "" : "<definedNames>\(filters.joined())</definedNames>"
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\
      <bookViews><workbookView activeTab="0"/></bookViews>\
      <sheets>\(list.joined())</sheets>\(names)</workbook>
      """
  }

  /// `docProps/core.xml`: title and creator (no timestamp, so one report gives one file).
  static func coreProperties(title: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
    xmlns:dc="http://purl.org/dc/elements/1.1/">\
    <dc:title>\(XLSXText.escaped(title))</dc:title><dc:creator>callqa</dc:creator></cp:coreProperties>
    """
  }

  /// `docProps/app.xml`.
  static let appProperties = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
    <Application>callqa</Application></Properties>
    """
}
