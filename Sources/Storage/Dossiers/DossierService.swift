import Access
import Catalog
import Core
import Dossiers
import Crypto
import Fluent
import Organisation
import Foundation
import SQLKit
import WorkCalendar

/// The one-stop-shop lifecycle on storage: submission, intake, processing, return — every change checked for
/// role, unit and state, written with its history row and its notification in one transaction.
public enum DossierService {
    /// The applicant as the desk records them (a citizen's own account fills this for online dossiers).
    public struct Applicant: Codable, Sendable {
        public var fullName: String
        public var personalId: String?
        public var phone: String?
        public var email: String?
        public var address: String?

        public init(fullName: String, personalId: String? = nil, phone: String? = nil, email: String? = nil,
                    address: String? = nil) {
            self.fullName = fullName
            self.personalId = personalId
            self.phone = phone
            self.email = email
            self.address = address
        }
    }

    /// A component of the dossier: an uploaded file, or a file from the applicant's digital repository.
    public struct ComponentInput: Codable, Sendable {
        /// Position of the component in the procedure's list.
        public var index: Int
        /// SHA-256 of a file the submitter uploaded.
        public var file: String?
        /// SHA-256 of a file in the applicant's digital repository (kho dữ liệu số).
        public var reuse: String?

        public init(index: Int, file: String? = nil, reuse: String? = nil) {
            self.index = index
            self.file = file
            self.reuse = reuse
        }
    }

    /// `POST /api/v1/dossiers`.
    public struct Submission: Codable, Sendable {
        public var procedure: String
        /// The receiving unit's code.
        public var unit: String
        public var channel: Channel?
        public var applicant: Applicant?
        public var form: [String: String]
        public var components: [ComponentInput]?
        /// The submitter's key for this submission (the `Idempotency-Key` header, or the form's hidden key): sent
        /// again from the same account, it answers with the dossier it created (`submitted`).
        public var submissionKey: String?

        public init(procedure: String, unit: String, channel: Channel? = nil, applicant: Applicant? = nil,
                    form: [String: String], components: [ComponentInput]? = nil, submissionKey: String? = nil) {
            self.procedure = procedure
            self.unit = unit
            self.channel = channel
            self.applicant = applicant
            self.form = form
            self.components = components
            self.submissionKey = submissionKey
        }

        /// What the submission asks for, whatever its key: the SHA-256 (hex) of its members as JSON with sorted keys.
        /// A key sent again with another fingerprint is another submission under a used key (refused with 422).
        public var fingerprint: String {
            var content = self
            content.submissionKey = nil
            return DossierService.fingerprint(of: content)
        }
    }

    /// The SHA-256 (hex) of `content` as JSON with sorted keys: what a submission asks for, whatever the order of its
    /// members (kept beside its key, `Submission.fingerprint`, `LinkedDossiers.Submission.fingerprint`).
    static func fingerprint(of content: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Hex.lowercase(SHA256.hash(data: (try? encoder.encode(content)) ?? Data()))
    }

    /// The body of `POST /api/v1/dossiers/{code}/actions/{action}`.
    public struct ActionInput: Codable, Sendable {
        public var reason: String?
        /// For `forward`: the person to take the next step.
        public var assignee: String?
        /// For `approve`: the SHA-256 of the uploaded result document.
        public var resultFile: String?
        /// For supplement requests: what is missing.
        public var missing: [String]?
        /// For `supply`: SHA-256 digests of the supplied files.
        public var files: [String]?
        /// For `extend`: the new appointment.
        public var newAppointment: Date?
        /// For `return`.
        public var returnMethod: ReturnMethod?
        /// For `pay-cash`: the receipt number (số biên lai).
        public var receiptNumber: String?
        /// The revision the caller saw; a stale one is refused with 409.
        public var expectedRevision: Int?

        public init(reason: String? = nil, assignee: String? = nil, resultFile: String? = nil, missing: [String]? = nil,
                    files: [String]? = nil, newAppointment: Date? = nil, returnMethod: ReturnMethod? = nil,
                    receiptNumber: String? = nil, expectedRevision: Int? = nil) {
            self.reason = reason
            self.assignee = assignee
            self.resultFile = resultFile
            self.missing = missing
            self.files = files
            self.newAppointment = newAppointment
            self.returnMethod = returnMethod
            self.receiptNumber = receiptNumber
            self.expectedRevision = expectedRevision
        }
    }

    /// Who acts, when, under which calendar.
    public struct Context: Sendable {
        public var actor: Actor
        public var fullName: String
        public var now: Date
        public var calendar: WorkingCalendar
        /// The actor's account when the caller has it loaded already (a signed-in request), saving a read.
        public var user: UserModel?
        /// The application's units and published procedures as last read, when the caller has them (a request):
        /// a submission looks its units and procedure up there instead of in the database.
        public var units: UnitDirectory?
        public var catalog: CatalogIndex?

        public init(actor: Actor, fullName: String, now: Date, calendar: WorkingCalendar, user: UserModel? = nil,
                    units: UnitDirectory? = nil, catalog: CatalogIndex? = nil) {
            self.actor = actor
            self.fullName = fullName
            self.user = user
            self.units = units
            self.catalog = catalog
            // whole milliseconds: every engine stores them exactly, so the indicators' facts read back equal
            self.now = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded() / 1000)
            self.calendar = calendar
        }
    }

    // MARK: submission

    /// Submits a dossier (a citizen online; a desk officer for a walk-in or postal applicant, received at once).
    public static func submit(_ submission: Submission, context: Context, on db: any Database) async throws -> DossierModel {
        try await submitted(submission, context: context, on: db).dossier
    }

    /// Submits a dossier and returns it with the rows written for it. With a `queue`, the submission is written
    /// together with the others arriving at the same moment (group commit); without one, on its own.
    public static func submitted(_ submission: Submission, context: Context, on db: any Database,
                                 queue: SubmissionQueue? = nil) async throws -> SubmittedDossier {
        try await once(under: submission.submissionKey) { key in
            try await dossier(submittedUnder: key, as: submission, by: context.actor, on: db)
        } create: {
            let prepared = try await prepare(submission, context: context, on: db)
            if let queue { return try await queue.write(prepared) }
            return try await write([prepared], on: db)[0]
        }
    }

    /// What a submission under `key` makes, once: without a key, `create`'s; with one (checked), what `earlier` finds
    /// the key made before, else `create`'s — and when `create` fails because a twin sent at the same moment was
    /// written first (the key's unique index refused this one), the twin's. Single dossiers and linked groups alike.
    static func once<Made>(under key: String?, earlier: (String) async throws -> Made?,
                           create: () async throws -> Made) async throws -> Made {
        guard let key else { return try await create() }
        try checkSubmissionKey(key)
        if let made = try await earlier(key) { return made }
        do {
            return try await create()
        } catch {
            if let made = try await earlier(key) { return made }
            throw error
        }
    }

    /// The longest submission key accepted (bytes).
    public static let maximumSubmissionKeyLength = 100

    /// Refuses (400) a submission key that is empty, longer than `maximumSubmissionKeyLength` or not visible ASCII.
    static func checkSubmissionKey(_ key: String) throws {
        guard (1...maximumSubmissionKeyLength).contains(key.utf8.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw Problem.invalid("Khóa gửi hồ sơ không hợp lệ", "The submission key must be 1 to \(maximumSubmissionKeyLength) visible ASCII characters.",
                                  fields: ["Idempotency-Key": "Dùng từ 1 đến \(maximumSubmissionKeyLength) ký tự ASCII, không có khoảng trắng."])
        }
    }

    /// The 422 answer to a key sent again with another submission than the one that made `code` (nothing is written).
    static func submissionKeyReused(madeBy code: String) -> Problem {
        Problem(status: 422, slug: "submission-key-reused",
                title: "Biểu mẫu này đã được nộp thành hồ sơ \(code) với nội dung khác; kiểm tra hồ sơ đó, hoặc gửi lại để nộp một hồ sơ mới",
                detail: "The submission key was used for dossier \(code), made by another submission; send this one under a new key.",
                fields: ["Idempotency-Key": "Khóa này đã dùng cho hồ sơ \(code); dùng một khóa mới cho hồ sơ mới."])
    }

    /// The dossier `actor` submitted under `key` earlier, marked as such (`repeated`); 422 when it was made by another
    /// submission than `submission` (the key was used again for something else: nothing is written).
    static func dossier(submittedUnder key: String, as submission: Submission, by actor: Actor,
                        on db: any Database) async throws -> SubmittedDossier? {
        guard let earlier = try await DossierModel.query(on: db).filter(\.$createdBy == actor.username)
            .filter(\.$submissionKey == key).first() else { return nil }
        // dossiers submitted before fingerprints were kept have none: their key alone names them
        if let fingerprint = earlier.submissionFingerprint, fingerprint != submission.fingerprint {
            throw submissionKeyReused(madeBy: earlier.code)
        }
        return SubmittedDossier(dossier: earlier, repeated: true)
    }

    /// Checks a submission (procedure, unit, level, role, applicant, e-form field by field, components) and resolves
    /// everything its rows need; writes nothing.
    static func prepare(_ submission: Submission, context: Context, on db: any Database) async throws -> PreparedSubmission {
        guard let (record, version) = try await publishedProcedure(submission.procedure, context: context, on: db) else {
            throw Problem.invalid("Thủ tục không tồn tại hoặc chưa công bố", "No published procedure \(submission.procedure).",
                                  fields: ["procedure": "Chọn một thủ tục đang được công bố."])
        }
        let today = VietnamTime.localDate(of: context.now)
        guard let unit = try await unit(code: submission.unit, context: context, on: db), unit.isValid(on: today.iso) else {
            throw Problem.invalid("Không tìm thấy nơi tiếp nhận", "No unit \(submission.unit) in force today.",
                                  fields: ["unit": "Chọn nơi tiếp nhận hồ sơ."])
        }
        try checkLevel(record.level, receivingUnit: unit)
        let actor = context.actor
        var channel: Channel
        var applicant: Applicant
        var applicantUserID: UUID?
        switch actor.kind {
        case .citizen:
            guard submission.channel == nil || submission.channel == .online else {
                throw Problem.invalid("Công dân chỉ nộp trực tuyến", "Citizens submit online.", fields: ["channel": "Kênh trực tuyến."])
            }
            var user = context.user.flatMap { $0.id == actor.userID ? $0 : nil }
            if user == nil { user = try await UserModel.find(actor.userID, on: db) }
            guard let user else { throw Problem.unauthenticated() }
            channel = .online
            applicant = Applicant(fullName: user.fullName, personalId: user.personalID, phone: user.phone, email: user.email,
                                  address: submission.form["applicantAddress"])
            applicantUserID = user.id
        case .official:
            guard AccessPolicy.allows(actor, .receiveDossiers, onUnitAt: unit.path) else { throw Problem.forbidden() }
            channel = submission.channel ?? .desk
            guard channel != .online else {
                throw Problem.invalid("Cán bộ tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính", "Officials take desk or postal dossiers.",
                                      fields: ["channel": "Chọn trực tiếp hoặc bưu chính."])
            }
            guard let given = submission.applicant, !given.fullName.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Problem.invalid("Thiếu thông tin người nộp", "The applicant's name is required.",
                                      fields: ["applicant.fullName": "Nhập họ tên người nộp hồ sơ."])
            }
            applicant = given
            if let pin = given.personalId {
                do { _ = try PersonalIdentificationNumber(pin, currentYear: today.year) } catch {
                    throw Problem.invalid("Số định danh cá nhân không hợp lệ", error.english,
                                          fields: ["applicant.personalId": error.vietnamese])
                }
                applicantUserID = try await UserModel.query(on: db).filter(\.$personalID == pin).first()?.id
            }
        }
        // e-form, field by field
        // the files this submission refers to that the submitter uploaded (only those are looked up)
        let referenced = Set(record.formFields.filter { $0.type == .file }.compactMap { submission.form[$0.key]?.trimmingCharacters(in: .whitespacesAndNewlines) }
            + (submission.components ?? []).compactMap(\.file))
        let uploads = referenced.isEmpty ? Set<String>() : Set(try await FileUploadModel.query(on: db)
            .filter(\.$username == actor.username).filter(\.$sha256 ~~ Array(referenced)).all().map(\.sha256))
        let errors = FormValidation.errors(fields: record.formFields, values: submission.form, today: today, uploadedFiles: uploads)
        guard errors.isEmpty else {
            throw Problem.invalid("Biểu mẫu có \(errors.count) trường chưa hợp lệ",
                                  "The e-form has invalid fields: \(errors.keys.sorted().joined(separator: ", ")).", fields: errors)
        }
        let components = try await resolveComponents(submission.components ?? [], record: record, uploads: uploads,
                                                     applicantUserID: applicantUserID, on: db)
        let handling = try await HandlingUnits.resolve(procedure: record, receivingUnit: unit) { code in
            try await Self.unit(code: code, context: context, on: db)
        }
        let fee = FeeSchedule.amount(record.fees, channel: channel)
        let formJSON = String(decoding: try JSONEncoder().encode(submission.form), as: UTF8.self)

        return PreparedSubmission(
            procedureCode: submission.procedure, version: version, record: record, unit: .init(unit), handling: .init(handling),
            channel: channel, applicant: applicant, applicantUserID: applicantUserID, formJSON: formJSON, fee: fee,
            components: components, day: today, submissionKey: submission.submissionKey,
            submissionFingerprint: submission.submissionKey == nil ? nil : submission.fingerprint, context: context)
    }

    /// The published procedure `code`'s record and version in force, through the context's catalog when it has one.
    static func publishedProcedure(_ code: String, context: Context, on db: any Database) async throws -> (ProcedureRecord, Int)? {
        if let catalog = context.catalog { return try await catalog.published(code: code, on: db) }
        return try await CatalogStore.published(code: code, on: db).map { ($0.1, $0.2) }
    }

    /// The unit `code`, through the context's unit directory when it has one.
    static func unit(code: String, context: Context, on db: any Database) async throws -> UnitModel? {
        if let units = context.units { return try await units.unit(code: code, on: db) }
        return try await UnitModel.find(code: code, on: db)
    }

    // MARK: actions

    /// Takes `action` on the dossier `code`; refuses with 403 (role, unit), 409 (state, or a concurrent change)
    /// or 400 (missing input), changing nothing.
    public static func act(_ action: DossierAction, code: String, input: ActionInput, context: Context,
                           on db: any Database) async throws -> DossierModel {
        let dossier = try await visibleDossier(code: code, actor: context.actor, on: db)
        let steps = try await DossierStepModel.query(on: db).filter(\.$dossier.$id == dossier.requireID())
            .sort(\.$index).all()
        return try await act(action, on: dossier, steps: steps, input: input, context: context, on: db)
    }

    /// Takes `action` on a dossier the caller holds with its steps (sorted by index), as it last read or wrote them:
    /// the same checks as `act(_:code:…)`, and the revision the caller holds is claimed, so a dossier changed by
    /// anyone since answers 409 and nothing changes. The models are brought up to date in place (the province-year
    /// generator keeps them between a dossier's actions instead of reading them again).
    public static func act(_ action: DossierAction, on dossier: DossierModel, steps: [DossierStepModel], input: ActionInput,
                           context: Context, on db: any Database) async throws -> DossierModel {
        try requireVisible(dossier, to: context.actor)
        guard action.allowedFrom.contains(dossier.status) else {
            throw Problem.conflict("Không thể \(action.label.lowercased()) khi hồ sơ ở trạng thái “\(dossier.status.label)”",
                                   "Action \(action.rawValue) is not allowed in status \(dossier.status.rawValue).")
        }
        if let expected = input.expectedRevision, expected != dossier.revision {
            throw staleProblem(dossier.code)
        }
        let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if action.needsReason, reason.isEmpty, (input.missing ?? []).isEmpty {
            throw Problem.invalid("Vui lòng ghi rõ lý do", "Action \(action.rawValue) needs a reason.",
                                  fields: ["reason": "Vui lòng ghi rõ lý do."])
        }
        let current = steps.first { $0.index == dossier.currentStep }
        try authorize(action, dossier: dossier, step: current, actor: context.actor)
        guard let record = try await versionRecord(of: dossier, catalog: context.catalog, on: db) else {
            throw Problem.conflict("Không tìm thấy phiên bản thủ tục của hồ sơ", "The dossier's procedure version is missing.")
        }
        let seen = dossier.revision
        return try await db.writeTransaction { db in
            try await claim(dossier, revision: seen, on: db)
            try await apply(action, to: dossier, steps: steps, current: current, record: record, input: input,
                            reason: reason, context: context, on: db)
            return dossier
        }
    }

    /// Đánh giá — the applicant rates the service once, after the result was returned.
    public static func rate(code: String, score: Int, comment: String?, context: Context, on db: any Database) async throws -> DossierModel {
        let dossier = try await visibleDossier(code: code, actor: context.actor, on: db)
        guard context.actor.kind == .citizen, dossier.applicantUserID == context.actor.userID else { throw Problem.forbidden() }
        guard dossier.status == .returned else {
            throw Problem.conflict("Chỉ đánh giá sau khi đã nhận kết quả", "A dossier is rated after its result was returned.")
        }
        guard dossier.rating == nil else {
            throw Problem.conflict("Hồ sơ đã được đánh giá", "This dossier has been rated already.")
        }
        guard (1...5).contains(score) else {
            throw Problem.invalid("Điểm đánh giá từ 1 đến 5", "score must be 1-5.", fields: ["score": "Chọn từ 1 đến 5 sao."])
        }
        let seen = dossier.revision
        return try await db.writeTransaction { db in
            try await claim(dossier, revision: seen, on: db)
            dossier.rating = score
            dossier.ratingComment = comment.map { String($0.prefix(2000)) }
            try await dossier.save(on: db)
            try await writeHistory(dossier, action: "rate", from: .returned, to: .returned, nationalCode: 10, step: nil,
                             note: "\(score)/5", context: context, on: db)
            return dossier
        }
    }

    // MARK: reading

    /// The dossier if the actor may see it: the applicant's own, or an official's in scope (receiving or handling
    /// unit). A citizen gets 404 for anyone else's code, so codes cannot be probed.
    public static func visibleDossier(code: String, actor: Actor, on db: any Database) async throws -> DossierModel {
        guard let dossier = try await DossierModel.query(on: db).filter(\.$code == code).first() else {
            throw Problem.notFound("Không tìm thấy hồ sơ", "No dossier \(code).")
        }
        try requireVisible(dossier, to: actor)
        return dossier
    }

    /// Refuses an actor who may not see `dossier` (the applicant's own, or an official's in scope: receiving or
    /// handling unit): 404 to a citizen, so codes cannot be probed; 403 to an official.
    static func requireVisible(_ dossier: DossierModel, to actor: Actor) throws {
        switch actor.kind {
        case .citizen:
            guard dossier.applicantUserID == actor.userID else { throw Problem.notFound("Không tìm thấy hồ sơ", "No dossier \(dossier.code).") }
        case .official:
            guard AccessPolicy.allows(actor, .viewUnit, onUnitAt: dossier.receivingUnitPath)
                || AccessPolicy.allows(actor, .viewUnit, onUnitAt: dossier.handlingUnitPath)
            else { throw Problem.forbidden() }
        }
    }

    /// The procedure record of the version the dossier was submitted under: from `catalog` when it has read that
    /// version, otherwise one query for the version row's identifier and the record itself from the cache of decoded
    /// versions (a version never changes).
    public static func versionRecord(of dossier: DossierModel, catalog: CatalogIndex? = nil,
                                     on db: any Database) async throws -> ProcedureRecord? {
        if let cached = catalog?.cachedRecord(code: dossier.procedureCode, version: dossier.procedureVersion) { return cached }
        let sql = db as! any SQLDatabase
        guard let row = try await sql.raw("""
            SELECT v.id AS id FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
            WHERE p.code = \(bind: dossier.procedureCode) AND v.version = \(bind: dossier.procedureVersion)
            """).first() else { return nil }
        let id = try row.decode(column: "id", as: UUID.self)
        if let cached = CatalogStore.cachedRecord(versionID: id) { return cached }
        guard let version = try await ProcedureVersionModel.find(id, on: db) else { return nil }
        return try CatalogStore.record(of: version)
    }

    // MARK: internals

    static func staleProblem(_ code: String) -> Problem {
        .conflict("Hồ sơ vừa được người khác cập nhật; vui lòng tải lại", "Dossier \(code) was changed concurrently; reload and retry.")
    }

    /// Moves the revision on, or answers 409 when someone else did first (the row lock serialises PostgreSQL).
    static func claim(_ dossier: DossierModel, revision: Int, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let rows = try await sql.update(DossierModel.schema)
            .set("revision", to: SQLBind(revision + 1))
            .where("id", .equal, SQLBind(dossier.requireID()))
            .where("revision", .equal, SQLBind(revision))
            .returning("revision")
            .all()
        guard rows.count == 1 else { throw staleProblem(dossier.code) }
        dossier.revision = revision + 1
    }

    static func authorize(_ action: DossierAction, dossier: DossierModel, step: DossierStepModel?, actor: Actor) throws {
        switch action.actor {
        case .applicant:
            let own = actor.kind == .citizen && dossier.applicantUserID == actor.userID
            guard own || AccessPolicy.allows(actor, .receiveDossiers, onUnitAt: dossier.receivingUnitPath) else {
                throw Problem.forbidden()
            }
        case .desk:
            guard AccessPolicy.allows(actor, .receiveDossiers, onUnitAt: dossier.receivingUnitPath) else { throw Problem.forbidden() }
        case .stepPerformer:
            guard let step, holds(actor, role: step.role, at: step.unitPath) else {
                throw Problem.forbidden("Bạn không phải người thực hiện bước hiện tại", "Only the current step's role in its unit may act.")
            }
            if let assignee = step.assignee, assignee != actor.username {
                throw Problem.forbidden("Bước này đã giao cho người khác", "The current step is assigned to \(assignee).")
            }
        case .leader:
            if action == .approve {
                guard let step, ["unit-leader", "agency-leader"].contains(step.role), holds(actor, role: step.role, at: step.unitPath)
                else { throw Problem.forbidden("Chỉ lãnh đạo ở bước phê duyệt mới phê duyệt kết quả", "Only the leader of the current approval step may approve.") }
            } else {
                guard AccessPolicy.allows(actor, .approve, onUnitAt: dossier.handlingUnitPath) else { throw Problem.forbidden() }
            }
        }
    }

    static func holds(_ actor: Actor, role: String, at unitPath: String) -> Bool {
        actor.kind == .official && actor.assignments.contains { $0.role.rawValue == role && UnitPath.isWithin(unitPath, scope: $0.unitPath) }
    }

    static func apply(_ action: DossierAction, to dossier: DossierModel, steps: [DossierStepModel], current: DossierStepModel?,
                      record: ProcedureRecord, input: ActionInput, reason: String, context: Context,
                      on db: any Database) async throws {
        let from = dossier.status
        let now = context.now
        let note = ([reason] + (input.missing ?? []).map { "– \($0)" }).filter { !$0.isEmpty }.joined(separator: "\n")
        switch action {
        case .receive:
            try await receive(dossier, steps: steps, procedure: record, context: context, on: db)
            return
        case .requestIntakeSupplement:
            dossier.status = .intakeSupplement
        case .refuseIntake:
            dossier.status = .refused
        case .supply:
            for sha in input.files ?? [] {
                guard try await FileUploadModel.query(on: db).filter(\.$username == context.actor.username).filter(\.$sha256 == sha).count() > 0
                else { throw Problem.invalid("Tệp bổ sung chưa được tải lên", "File \(sha) was not uploaded by you.", fields: ["files": "Tải tệp lên trước."]) }
                try await DossierFileModel(dossierID: dossier.requireID(), kind: .supplement, componentIndex: nil,
                                           name: "Bổ sung", sha256: sha, reusedFrom: nil, addedBy: context.actor.username).create(on: db)
            }
            if from == .intakeSupplement {
                dossier.status = .submitted
            } else {
                // the clock resumes: appointments move by the time the applicant held the dossier
                let pausedAt = dossier.pausedAt ?? now
                if let appointment = dossier.appointment {
                    dossier.appointment = Timekeeping.resume(appointment: appointment, pausedAt: pausedAt, resumedAt: now, calendar: context.calendar)
                }
                if let original = dossier.originalAppointment {
                    dossier.originalAppointment = Timekeeping.resume(appointment: original, pausedAt: pausedAt, resumedAt: now, calendar: context.calendar)
                }
                if let current, let deadline = current.deadline {
                    current.deadline = Timekeeping.resume(appointment: deadline, pausedAt: pausedAt, resumedAt: now, calendar: context.calendar)
                    try await current.save(on: db)
                }
                dossier.pausedAt = nil
                dossier.status = .processing
            }
        case .forward:
            try await advance(dossier, steps: steps, current: current, assignee: input.assignee, context: context, on: db)
        case .approve:
            guard let sha = input.resultFile,
                  try await FileUploadModel.query(on: db).filter(\.$username == context.actor.username).filter(\.$sha256 == sha).count() > 0
            else {
                throw Problem.invalid("Đính kèm văn bản kết quả đã tải lên", "resultFile must be the SHA-256 of a file you uploaded.",
                                      fields: ["resultFile": "Tải lên văn bản kết quả trước khi phê duyệt."])
            }
            try await DossierFileModel(dossierID: dossier.requireID(), kind: .result, componentIndex: nil, name: "Kết quả giải quyết",
                                       sha256: sha, reusedFrom: nil, addedBy: context.actor.username).create(on: db)
            dossier.resultSHA256 = sha
            dossier.outcome = .approved
            try await advance(dossier, steps: steps, current: current, assignee: input.assignee, context: context, on: db)
        case .sendBack:
            guard let current, current.index > 1, let previous = steps.first(where: { $0.index == current.index - 1 }) else {
                throw Problem.conflict("Không có bước trước để trả lại", "There is no earlier processing step to send back to.")
            }
            current.startedAt = nil
            current.deadline = nil
            try await current.save(on: db)
            previous.completedAt = nil
            previous.completedBy = nil
            previous.startedAt = now
            previous.deadline = Timekeeping.stepDeadline(start: now, workingDays: previous.allottedDays, calendar: context.calendar)
            try await previous.save(on: db)
            dossier.currentStep = previous.index
        case .requestSupplement:
            dossier.status = .supplementRequested
            dossier.pausedAt = now
            dossier.supplementRequests += 1
        case .refuse:
            dossier.outcome = .refused
            resolve(dossier, at: now)
        case .extend:
            guard let appointment = dossier.appointment, let new = input.newAppointment, new > appointment else {
                throw Problem.invalid("Ngày hẹn mới phải sau ngày hẹn hiện tại", "newAppointment must be after the current appointment.",
                                      fields: ["newAppointment": "Chọn ngày hẹn trả mới sau ngày hẹn hiện tại."])
            }
            dossier.appointment = new
        case .stop:
            dossier.status = .stopped
        case .returnResult:
            guard dossier.feePaid else {
                throw Problem.conflict("Hồ sơ chưa nộp phí, lệ phí nên chưa trả kết quả",
                                       "The fee (\(dossier.feeVnd) VND) is unpaid: the result cannot be returned.")
            }
            guard let method = input.returnMethod else {
                throw Problem.invalid("Chọn hình thức trả kết quả", "returnMethod is required.", fields: ["returnMethod": "Trực tiếp, trực tuyến hoặc bưu chính."])
            }
            dossier.returnMethod = method
            dossier.returnedAt = now
            dossier.status = .returned
        case .payCash:
            guard !dossier.feePaid else { throw Problem.conflict("Hồ sơ đã nộp phí", "The fee is already paid.") }
            guard let receipt = input.receiptNumber?.trimmingCharacters(in: .whitespaces), !receipt.isEmpty else {
                throw Problem.invalid("Nhập số biên lai", "receiptNumber is required.", fields: ["receiptNumber": "Nhập số biên lai thu tiền."])
            }
            dossier.feePaid = true
            dossier.paymentReference = "cash:\(receipt)"
        case .withdraw:
            dossier.status = .withdrawn
        }
        try await dossier.save(on: db)
        let national = dossier.status.nationalCode
        try await writeHistory(dossier, action: action.rawValue, from: from, to: dossier.status, nationalCode: national,
                         step: current?.index, note: action == .payCash ? "Biên lai \(input.receiptNumber ?? "")" : (note.isEmpty ? nil : note),
                         context: context, on: db)
    }

    /// Receipt: the clock starts, the appointment is set, the desk's own step is done and the next one begins (`steps`: the
    /// dossier's steps, sorted by index).
    static func receive(_ dossier: DossierModel, steps: [DossierStepModel], procedure record: ProcedureRecord, context: Context,
                        on db: any Database) async throws {
        let now = context.now
        let time = record.processingTime
        let appointment = Timekeeping.appointment(receivedAt: now, workingDays: time.statutoryWorkingDays,
                                                  sameDayCutoffHour: time.isSameDay ? (time.cutoffHour ?? 17) : nil,
                                                  calendar: context.calendar)
        let from = dossier.status
        dossier.receivedAt = now
        dossier.appointment = appointment
        dossier.originalAppointment = appointment
        dossier.status = .processing
        if let first = steps.first {
            first.startedAt = now
            first.completedAt = now
            first.completedBy = context.actor.username
            first.deadline = Timekeeping.stepDeadline(start: now, workingDays: first.allottedDays, calendar: context.calendar)
            try await first.save(on: db)
        }
        if let next = steps.dropFirst().first {
            try await start(next, at: now, assignee: nil, calendar: context.calendar, on: db)
            dossier.currentStep = next.index
        } else {
            dossier.currentStep = 0
        }
        try await dossier.save(on: db)
        try await writeHistory(dossier, action: DossierAction.receive.rawValue, from: from, to: .processing,
                         nationalCode: DossierStatus.receivedNationalCode, step: 0,
                         note: "Hẹn trả: \(appointment.formatted(.iso8601))", context: context, on: db)
    }

    /// Completes the current step and starts the next, or resolves the dossier after the last step.
    static func advance(_ dossier: DossierModel, steps: [DossierStepModel], current: DossierStepModel?, assignee: String?,
                        context: Context, on db: any Database) async throws {
        guard let current else { throw Problem.conflict("Hồ sơ không có bước đang xử lý", "No current step.") }
        current.completedAt = context.now
        current.completedBy = context.actor.username
        try await current.save(on: db)
        if let next = steps.first(where: { $0.index == current.index + 1 }) {
            if let assignee {
                guard let person = try await UserModel.find(username: assignee, on: db) else {
                    throw Problem.invalid("Không tìm thấy người được giao", "No official \(assignee).", fields: ["assignee": "Chọn cán bộ thực hiện bước tiếp theo."])
                }
                let personActor = try await AccountStore.actor(for: person, on: db)
                guard holds(personActor, role: next.role, at: next.unitPath) else {
                    throw Problem.invalid("Người được giao không giữ vai trò của bước tiếp theo",
                                          "\(assignee) does not hold \(next.role) in \(next.unitCode).",
                                          fields: ["assignee": "Chọn người có vai trò phù hợp."])
                }
            }
            try await start(next, at: context.now, assignee: assignee, calendar: context.calendar, on: db)
            dossier.currentStep = next.index
        } else {
            guard dossier.resultSHA256 != nil || dossier.outcome == .refused else {
                throw Problem.conflict("Chưa có văn bản kết quả được phê duyệt", "The result must be approved before the last step completes.")
            }
            resolve(dossier, at: context.now)
        }
    }

    static func start(_ step: DossierStepModel, at now: Date, assignee: String?, calendar: WorkingCalendar, on db: any Database) async throws {
        step.startedAt = now
        step.completedAt = nil
        step.completedBy = nil
        step.assignee = assignee
        step.deadline = Timekeeping.stepDeadline(start: now, workingDays: step.allottedDays, calendar: calendar)
        try await step.save(on: db)
    }

    static func resolve(_ dossier: DossierModel, at now: Date) {
        dossier.status = .resolved
        dossier.resolvedAt = now
        if let appointment = dossier.originalAppointment {
            dossier.timeliness = Timekeeping.classify(resolvedAt: now, appointment: appointment,
                                                      supplementRequests: dossier.supplementRequests)
        }
    }

    /// Writes the history row and the applicant's notifications for a change.
    static func writeHistory(_ dossier: DossierModel, action: String, from: DossierStatus, to: DossierStatus, nationalCode: Int,
                       step: Int?, note: String?, context: Context, submitted: DossierFactStore.FixedFacts? = nil,
                       on db: any Database) async throws {
        try await writeHistory([HistoryEntry(dossier: dossier, action: action, from: from, to: to, nationalCode: nationalCode,
                                             step: step, note: note, actor: context.actor.username, at: context.now,
                                             submitted: submitted)], on: db)
    }

    /// One change to record: the dossier in its new state, the action, the states, who and when.
    struct HistoryEntry {
        var dossier: DossierModel
        var action: String
        var from: DossierStatus
        var to: DossierStatus
        var nationalCode: Int
        var step: Int?
        var note: String?
        /// Who acted (a username, or the payment gateway's name).
        var actor: String
        var at: Date
        /// The facts fixed at submission, for the `submit` row (the dossier has no stored fact or public view yet).
        var submitted: DossierFactStore.FixedFacts?
    }

    /// Writes the history rows, public views, indicator facts and notifications of several changes, one statement
    /// per table for all of them, sent together (`RowsInsert.together`: on PostgreSQL one statement; call inside the
    /// changes' transaction). Returns the history rows.
    @discardableResult
    static func writeHistory(_ entries: [HistoryEntry], on db: any Database) async throws -> [DossierEventModel] {
        guard !entries.isEmpty else { return [] }
        // what is read here (the stored public views and facts) is in other tables than what is inserted first
        return try await RowsInsert.together(on: db) { try await writeHistoryRows(entries, on: db) }
    }

    private static func writeHistoryRows(_ entries: [HistoryEntry], on db: any Database) async throws -> [DossierEventModel] {
        let events = try entries.map { entry in
            DossierEventModel(dossierID: try entry.dossier.requireID(), at: entry.at, actor: entry.actor,
                              action: entry.action, from: entry.from, to: entry.to, nationalCode: entry.nationalCode,
                              stepIndex: entry.step, note: entry.note)
        }
        try await insertRows(events, on: db)
        var views: [PublicTracking] = []
        for entry in entries {
            let line = PublicTracking.entry(at: entry.at, action: entry.action, to: entry.to, nationalCode: entry.nationalCode)
            // a submission has no public view yet; any other change appends to the stored one
            let earlier = entry.submitted != nil ? [] : try await PublicTracking.find(code: entry.dossier.code, on: db)?.timeline ?? []
            views.append(PublicTracking(dossier: entry.dossier, timeline: earlier + [line]))
        }
        try await PublicTracking.save(views, on: db)
        try await DossierFactStore.record(entries.map { ($0.dossier, $0.at, $0.submitted) }, on: db)
        let messages = entries.filter { $0.from != $0.to || $0.action == "submit" || $0.action == DossierAction.receive.rawValue }
            .flatMap { Notifications.messages(for: $0.dossier, status: $0.to, at: $0.at) }
        try await insertRows(messages, on: db)  // one INSERT
        return events
    }

    struct ResolvedComponent { var index: Int; var name: String; var sha256: String; var reusedFrom: String? }

    static func resolveComponents(_ inputs: [ComponentInput], record: ProcedureRecord, uploads: Set<String>,
                                  applicantUserID: UUID?, on db: any Database) async throws -> [ResolvedComponent] {
        var resolved: [ResolvedComponent] = []
        for (position, input) in inputs.enumerated() {
            let key = "components[\(position)]"
            guard record.components.indices.contains(input.index) else {
                throw Problem.invalid("Thành phần hồ sơ không có trong thủ tục", "Component index \(input.index) does not exist.",
                                      fields: [key: "Thành phần không hợp lệ."])
            }
            let component = record.components[input.index]
            if let sha = input.file {
                guard uploads.contains(sha) else {
                    throw Problem.invalid("Tệp chưa được tải lên", "File \(sha) was not uploaded by you.", fields: [key: "Tải tệp lên trước khi nộp."])
                }
                resolved.append(ResolvedComponent(index: input.index, name: component.name, sha256: sha, reusedFrom: nil))
            } else if let sha = input.reuse {
                guard component.reusable else {
                    throw Problem.invalid("Thành phần này không được dùng lại từ kho dữ liệu số",
                                          "Component \(input.index) may not be taken from the digital repository.",
                                          fields: [key: "Thành phần này phải nộp bản mới."])
                }
                guard let applicantUserID, let source = try await DigitalRepository.find(sha256: sha, owner: applicantUserID, on: db) else {
                    throw Problem.invalid("Tệp không có trong kho dữ liệu số của người nộp", "File \(sha) is not in the applicant's repository.",
                                          fields: [key: "Chọn tệp trong kho dữ liệu số của bạn."])
                }
                resolved.append(ResolvedComponent(index: input.index, name: component.name, sha256: sha, reusedFrom: source))
            } else {
                throw Problem.invalid("Thiếu tệp cho thành phần hồ sơ", "Component \(input.index) has neither file nor reuse.",
                                      fields: [key: "Chọn tệp."])
            }
        }
        return resolved
    }

    static func checkLevel(_ level: ProcedureLevel, receivingUnit unit: UnitModel) throws {
        let commune = HandlingUnits.isCommuneScope(unit)
        switch level {
        case .commune where !commune:
            throw Problem.invalid("Thủ tục cấp xã nộp tại UBND xã, phường", "A commune-level procedure is received by a commune.",
                                  fields: ["unit": "Chọn xã, phường nơi tiếp nhận."])
        case .province where commune:
            throw Problem.invalid("Thủ tục cấp tỉnh nộp tại cơ quan cấp tỉnh", "A province-level procedure is received at province level.",
                                  fields: ["unit": "Chọn cơ quan cấp tỉnh nơi tiếp nhận."])
        default:
            return
        }
    }

    /// The next number of the day for a unit, atomically (an upsert both engines serialise on the row).
    static func nextSequence(unit: String, day: LocalDate, on db: any Database) async throws -> Int {
        try await takeSequences(1, unit: unit, day: day, on: db)
    }

    /// Takes the next `count` numbers of the day for a unit at once; returns the last of them.
    static func takeSequences(_ count: Int, unit: String, day: LocalDate, on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        struct Row: Decodable { var last: Int }
        let row = try await sql.raw("""
            INSERT INTO dossier_sequences (unit_code, day, last) VALUES (\(bind: unit), \(bind: day.iso), \(bind: count))
            ON CONFLICT (unit_code, day) DO UPDATE SET last = dossier_sequences.last + \(bind: count)
            RETURNING last
            """).first(decoding: Row.self)
        guard let row else { throw Problem(status: 500, slug: "sequence", title: "Lỗi cấp mã hồ sơ", detail: "No sequence returned.") }
        return row.last
    }
}
