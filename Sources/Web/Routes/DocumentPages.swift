import Core
import Documents
import Storage
import Vapor
import WorkCalendar

/// Printable pages of document work: the outgoing and incoming registers (`/so-van-ban/{agency}/{di|den}?year=`).
struct DocumentPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("so-van-ban", ":agency", ":direction", use: register)
    }

    /// Sổ đăng ký văn bản đi / đến (Annex IV of Decree 30/2020) of an agency for a year, to print or save as CSV.
    @Sendable func register(req: Request) async throws -> Response {
        let code = req.parameters.get("agency") ?? ""
        guard let agency = try await UnitModel.find(code: code, on: req.db) else {
            throw Problem.notFound("Không tìm thấy cơ quan", "No unit \(code).")
        }
        _ = try req.require(.viewUnit, onUnitAt: agency.path)
        let slug = req.parameters.get("direction") ?? ""
        guard let direction: NumberSeries.Direction = slug == "di" ? .outgoing : slug == "den" ? .incoming : nil else {
            throw Problem.notFound("Sổ không tồn tại", "The register is /di (outgoing) or /den (incoming).")
        }
        let year = try req.queryInt("year", default: VietnamTime.localDate(of: req.now).year, range: 1990...2100)
        let register: Register = direction == .outgoing ? .outgoing : .incoming
        var rows: [String] = []
        for document in try await DocumentService.register(agency: agency.code, direction: direction, year: year, on: req.db) {
            let row = try await RegisterRow.row(document, register: register, on: req.db)
            rows.append("<tr>" + register.columns.map { "<td>\(HTML.escape(row[$0.key] ?? ""))</td>" }.joined() + "</tr>")
        }
        let csv = "/api/v1/registers/\(HTML.escape(agency.code))/\(direction.rawValue)?year=\(year)&format=csv"
        return HTML.page(title: "\(t(register.title)) — \(agency.name) — \(year)", body: """
        <h1>\(HTML.escape(t(register.title)))</h1><p>\(HTML.escape(agency.name)) — \(t("năm {0}", String(year))) — \(t("{0} văn bản", String(rows.count)))</p>
        <table><thead><tr>\(register.columns.map { "<th scope=\"col\">\(HTML.escape(t($0.header)))</th>" }.joined())</tr></thead>
        <tbody>\(rows.joined())</tbody></table>
        <p><a href="\(csv)">\(t("Tải về CSV"))</a></p>
        """)
    }
}
