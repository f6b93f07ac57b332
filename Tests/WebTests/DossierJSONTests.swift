import DemoData
import Dossiers
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting
@testable import Web

/// The dossier's JSON written member by member (`DossierDTO.json`, `JSONText`) is what its `Codable` conformance
/// gives through the application's encoder, member for member.
@Suite struct DossierJSONTests {
    /// Parses JSON text into Foundation objects, for comparison.
    static func parsed(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    /// What Vapor's JSON encoder (ISO 8601 dates) writes for `dto`.
    static func encoded(_ dto: DossierDTO) throws -> String {
        String(decoding: try JSONEncoder.custom(dates: .iso8601).encode(dto), as: UTF8.self)
    }

    /// A dossier with every member filled, strings that need escaping and dates with fractions of a second.
    static var full: DossierDTO {
        let base = Date(timeIntervalSince1970: 1_796_000_000)
        let tricky = "Nguyễn \"Văn\" A\\B /c\nd\re\tf\u{01}g 🇻🇳"
        return DossierDTO(
            code: "000.00.17.H60-261203-0001", procedureCode: "1.001022", procedureVersion: 3, procedureName: tricky,
            status: .processing, nationalStatus: DossierStatus.processing.nationalCode, channel: .online,
            nationalChannel: Dossiers.Channel.online.nationalCode, receivingUnit: "09652", handlingUnit: "STP",
            applicant: .init(fullName: "Hoàng Thị Mai", personalId: "001090012345", phone: "0912345678", email: "mai@example.vn",
                             address: "Tổ 5, phường Minh Xuân"),
            form: ["request": tricky, "b": "", "a": "1"], submittedAt: base, receivedAt: base + 0.4, appointment: base + 0.5,
            originalAppointment: base + 86_400.999, currentStep: 2, supplementRequests: 1, resolvedAt: base + 59.9999,
            returnedAt: base + 3_600, outcome: .approved, timeliness: .onTime, feeVnd: 50_000, feePaid: true, rating: 5,
            revision: 7,
            steps: [
                .init(index: 0, name: "Tiếp nhận", role: "desk-officer", unit: "09652", allottedDays: 0.5, assignee: "mx.motcua",
                      startedAt: base, deadline: base + 43_200.25, completedAt: base + 100.75, completedBy: "mx.motcua", timeliness: .onTime),
                .init(index: 1, name: "Thẩm định", role: "specialist", unit: "09652", allottedDays: 3, assignee: nil,
                      startedAt: nil, deadline: nil, completedAt: nil, completedBy: nil, timeliness: nil),
                .init(index: 2, name: "Phê duyệt", role: "agency-leader", unit: "09652", allottedDays: 1.25, assignee: nil,
                      startedAt: Date(timeIntervalSince1970: -1.5), deadline: nil, completedAt: nil, completedBy: nil, timeliness: .late),
            ],
            events: [.init(at: base, actor: "mai", action: "submit", from: .submitted, to: .submitted, nationalCode: 1, note: nil),
                     .init(at: base + 1.5, actor: "mx.motcua", action: "receive", from: .submitted, to: .processing, nationalCode: 4,
                           note: tricky)],
            files: [.init(kind: "component", name: "don.pdf", sha256: String(repeating: "ab", count: 32), componentIndex: 0, reusedFrom: nil),
                    .init(kind: "result", name: "kq.pdf", sha256: String(repeating: "cd", count: 32), componentIndex: nil,
                          reusedFrom: "000.00.17.H60-260101-0009")])
    }

    @Test func the_written_json_is_the_encoders_member_for_member() throws {
        let dto = Self.full
        let (written, encoded) = (dto.json, try Self.encoded(dto))
        #expect(try Self.parsed(written) == Self.parsed(encoded), "\(written)\n\(encoded)")
    }

    @Test func members_without_a_value_are_left_out_as_the_encoder_leaves_them() throws {
        var dto = Self.full
        dto.applicant = .init(fullName: "Mai")
        dto.receivedAt = nil; dto.appointment = nil; dto.originalAppointment = nil; dto.resolvedAt = nil; dto.returnedAt = nil
        dto.outcome = nil; dto.timeliness = nil; dto.rating = nil; dto.form = [:]; dto.steps = []; dto.events = []; dto.files = []
        let written = try Self.parsed(dto.json)
        #expect(written == (try Self.parsed(Self.encoded(dto))))
        #expect(written["receivedAt"] == nil && written["rating"] == nil)
        #expect((written["applicant"] as? NSDictionary)?.count == 1)
    }

    @Test(arguments: [0.0, 0.4, 0.5, 0.999, 59.9999, -0.5, -86_400.25, 951_782_400, 4_102_444_799.9])
    func dates_are_written_as_the_encoder_writes_them(offset: Double) throws {
        // 2000-02-29 (a leap day), the last second of 2099, before 1970
        struct Stamp: Encodable { var at: Date }
        let date = Date(timeIntervalSince1970: offset)
        let encoded = String(decoding: try JSONEncoder.custom(dates: .iso8601).encode(Stamp(at: date)), as: UTF8.self)
        #expect(encoded == "{\"at\":\"\(JSONText.iso8601(date))\"}")
    }

    @Test(arguments: Engine.all)
    func a_submission_answers_with_the_written_json(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let citizen = try await app.token(DemoSeed.citizenID)
            let submitted = try await app.send(.POST, "/api/v1/dossiers", token: citizen,
                                               body: try await SubmissionKeyTests.body(app, token: citizen))
            #expect(submitted.status == .created)
            #expect(submitted.headers.contentType == .json)
            let code = try #require(object(submitted)["code"] as? String)
            // the answer is the dossier as GET answers it, and as the encoder would write it
            let shown = try await app.send(.GET, "/api/v1/dossiers/\(code)", token: citizen)
            #expect(try Self.parsed(submitted.body.string) == Self.parsed(shown.body.string))
            let dossier = try await CitizenPageTests.dossier(app, code)
            let dto = try await DossierDTO.load(dossier, on: app.db)
            #expect(try Self.parsed(shown.body.string) == Self.parsed(Self.encoded(dto)))
        }
    }

    /// The public tracking document, written member by member with every change (`PublicTracking.json`), is what an
    /// encoder with ISO 8601 dates (the one it replaced) writes, member for member, with and without the members
    /// that may be missing.
    @Test func the_tracking_document_is_written_as_its_encoder_writes_it() throws {
        let dossier = DossierModel()
        dossier.code = "000.00.17.H60-261203-0001"
        dossier.procedureName = "Đăng ký \"khai sinh\" \\ lần 2\n🇻🇳"
        dossier.status = .processing
        dossier.applicantName = "Nguyễn Văn Hùng"
        dossier.submittedAt = Date(timeIntervalSince1970: 1_796_000_000.75)
        let timeline = [PublicTracking.entry(at: Date(timeIntervalSince1970: 1_796_000_000.75), action: "submit", to: .submitted, nationalCode: 1),
                        PublicTracking.entry(at: Date(timeIntervalSince1970: -0.5), action: "receive", to: .processing, nationalCode: 4)]
        for (received, appointment, entries) in [(nil, nil, [PublicTracking.Entry]()), (Date(timeIntervalSince1970: 1_796_000_100),
                                                  Date(timeIntervalSince1970: 1_796_500_000.999), timeline)] {
            dossier.receivedAt = received
            dossier.appointment = appointment
            let view = PublicTracking(dossier: dossier, timeline: entries)
            let encoded = String(decoding: try JSONEncoder.custom(dates: .iso8601).encode(view), as: UTF8.self)
            #expect(try Self.parsed(view.json) == Self.parsed(encoded), "\(view.json)\n\(encoded)")
            // read back, it is the view (to the second, as the encoder's dates)
            let read = try JSONDecoder.custom(dates: .iso8601).decode(PublicTracking.self, from: Data(view.json.utf8))
            #expect(read == (try JSONDecoder.custom(dates: .iso8601).decode(PublicTracking.self, from: Data(encoded.utf8))))
            #expect(read.timeline.count == entries.count && read.receivedAt == received && read.procedure == dossier.procedureName)
        }
    }
}
