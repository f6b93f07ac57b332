import Foundation

/// One dossier (hồ sơ TTHC) as the indicators see it: the few facts the figures of item 1 and the formulas of
/// Decision 766 (domain reference §1.3) count, read by the storage layer from the dossier and its history.
///
/// Facts are a snapshot taken at `now`. Past periods are evaluated from the timestamps (a dossier resolved after a
/// period's end was still open at that end); `status` only says how a closed dossier ended and whether it is
/// waiting for a supplement.
public struct DossierFact: Hashable, Sendable {
    /// Kênh thực hiện (`KenhThucHien`): 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích (§2.4). The raw values are
    /// those of `Dossiers.Channel`.
    public enum Channel: String, Hashable, Codable, Sendable, CaseIterable {
        /// Trực tiếp — at the one-stop desk (code 1).
        case desk
        /// Trực tuyến — online (code 2).
        case online
        /// Qua bưu chính công ích — by public postal service (code 3).
        case postal
    }

    /// Trạng thái — where the dossier was when the facts were read; a small projection of `Dossiers.DossierStatus`.
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        /// Mới đăng ký / yêu cầu bổ sung trước tiếp nhận — not received yet (national codes 1, 5 before receipt).
        case pending
        /// Đang xử lý — received and being processed (code 4, or 6 financial obligation).
        case processing
        /// Yêu cầu bổ sung giấy tờ — waiting for a supplement asked during processing (code 5);
        /// `pendingSupplementSince` holds the request time.
        case awaitingSupplement = "awaiting-supplement"
        /// Đã xử lý xong — resolved, waiting at the desk (code 9).
        case resolved
        /// Đã trả kết quả — returned (code 10).
        case returned
        /// Không được tiếp nhận / từ chối — refused (code 3); `closedAt` is the refusal time.
        case refused
        /// Dừng xử lý — stopped with a notice (code 8); `closedAt` is the stop time.
        case stopped
        /// Công dân yêu cầu rút hồ sơ — withdrawn (code 7); `closedAt` is the withdrawal time.
        case withdrawn
    }

    /// Kết quả đánh giá của người dân — the applicant's rating of the service (rất hài lòng / hài lòng / không hài
    /// lòng, as the national portal asks).
    public enum Rating: String, Hashable, Codable, Sendable, CaseIterable {
        case verySatisfied = "very-satisfied"
        case satisfied
        /// Không hài lòng — counts against indicator 5.4.
        case dissatisfied
    }

    // MARK: Identity and place

    /// Mã số hồ sơ (§2.3), for reports and test messages.
    public var code: String
    /// Mã đơn vị — the receiving/handling unit's code.
    public var unitCode: String
    /// The unit's materialised path, e.g. "/08/STP/" — what `UnitScope` filters on.
    public var unitPath: String
    /// Mã TTHC — the procedure's code; indicators 3.2, 3.5, 3.B and 4.5a count distinct procedures.
    public var procedureCode: String
    /// Cấp thực hiện of the procedure.
    public var level: AdministrativeLevel
    /// Kênh thực hiện — item 1's "received by channel"; online = indicator 3.3's numerator (`KenhThucHien = 2`).
    public var channel: Channel

    // MARK: Clock (indicator 2.1, §1.3 and §2.5)

    /// Ngày nộp — when the applicant submitted.
    public var submittedAt: Date
    /// Ngày tiếp nhận — when the desk received it (the clock starts). `nil`: never received (pending or refused at
    /// intake); such dossiers count in no figure.
    public var receivedAt: Date?
    /// Ngày hẹn trả (`NgayHenTra`) — the **original** appointment set at receipt, not moved by supplement pauses or
    /// extension letters (the pauses are subtracted from the end instead, as formula F of 2.1 does). `nil`: the
    /// procedure sets no time limit, so the dossier is never late. When the procedure has a limit but no appointment
    /// was recorded, the storage layer computes one from the legal maximum (F's rule) with the working calendar,
    /// which this module does not have.
    public var appointment: Date?
    /// Đã xử lý xong (status 9) — the first end of processing.
    public var resolvedAt: Date?
    /// Đã trả kết quả (status 10) — the end when `resolvedAt` was not recorded.
    public var returnedAt: Date?
    /// When the dossier was refused, stopped or withdrawn (statuses 3, 8, 7) — the end for those statuses.
    public var closedAt: Date?
    /// Trạng thái at the time the facts were read.
    public var status: Status
    /// Số lần yêu cầu bổ sung — supplement requests made during processing (not at intake). More than one makes
    /// the dossier late (Decision 766 rule, §1.3 2.1 and §2.5).
    public var supplementRequests: Int
    /// Thời gian bổ sung — the total of the **completed** supplement pauses, in seconds of clock time
    /// (`hoàn thành bổ sung − yêu cầu bổ sung`, formula F of 2.1). Subtracted from the end before it is compared
    /// with the appointment.
    public var supplementPause: TimeInterval
    /// When the pending supplement request was made, for a dossier in `awaitingSupplement`: per F, such a dossier
    /// ends at the request time.
    public var pendingSupplementSince: Date?

    // MARK: Publication and synchronisation (group 1)

    /// Đã đồng bộ lên Cổng DVCQG — indicator 1.4's numerator (and 3.3's sync factor, 3.5's "fee data synced").
    public var syncedToNationalPortal: Bool

    // MARK: Online services and payment (group 3)

    /// Hồ sơ DVCTT toàn trình — submitted and processed fully online (the portal's 12-point metric, 3.A).
    public var isFullOnline: Bool
    /// The procedure is flagged "đủ điều kiện toàn trình" in the national TTHC database — 3.A's denominator.
    public var procedureFullOnlineEligible: Bool
    /// Phí, lệ phí phải nộp, in đồng. Zero: no fee (the dossier is outside 3.6's denominator, F: `Gia: 0`).
    public var feeDue: Int
    /// Thanh toán trực tuyến (`DuocThanhToanTrucTuyen` 1 or 2) — 3.6's numerator, 3.B.
    public var paidOnline: Bool

    // MARK: Digitisation and reuse (group 4)

    /// The procedure requires a written (paper) result — 4.1's population and the second condition of 4.2 and 3.3.
    public var requiresResultDocument: Bool
    /// Thành phần hồ sơ được số hóa — the components carry attachments (4.2, condition 1).
    public var componentsDigitized: Bool
    /// Kết quả điện tử — the result file was issued electronically (`MaKetQua` + `DuongDanTepTinKetQua`; 4.1, 4.2).
    public var resultDigitized: Bool
    /// Tái sử dụng dữ liệu số hóa — at least one component reuses digitised data (`HoSoCoThanhPhanSoHoa = 1`; 4.3).
    public var reusedData: Bool
    /// At least one attachment taken from the citizen's data store on DVCQG (`DuocLayTuKhoDMQG = 1`), or the
    /// e-result was synced to it (4.4).
    public var usedCitizenDataStore: Bool
    /// Account authenticated with VNeID or data taken from the national population database (4.5a, 4.5b).
    public var usedPopulationData: Bool

    // MARK: Satisfaction (group 5)

    /// The applicant's rating, if any.
    public var rating: Rating?
    /// Có phản ánh, kiến nghị về việc tiếp nhận, giải quyết — counts against 5.4.
    public var hasComplaint: Bool

    public init(code: String, unitCode: String, unitPath: String, procedureCode: String,
                level: AdministrativeLevel, channel: Channel, submittedAt: Date, receivedAt: Date?,
                appointment: Date?, resolvedAt: Date? = nil, returnedAt: Date? = nil, closedAt: Date? = nil,
                status: Status, supplementRequests: Int = 0, supplementPause: TimeInterval = 0,
                pendingSupplementSince: Date? = nil, syncedToNationalPortal: Bool = false,
                isFullOnline: Bool = false, procedureFullOnlineEligible: Bool = false,
                feeDue: Int = 0, paidOnline: Bool = false, requiresResultDocument: Bool = false,
                componentsDigitized: Bool = false, resultDigitized: Bool = false, reusedData: Bool = false,
                usedCitizenDataStore: Bool = false, usedPopulationData: Bool = false,
                rating: Rating? = nil, hasComplaint: Bool = false) {
        self.code = code
        self.unitCode = unitCode
        self.unitPath = unitPath
        self.procedureCode = procedureCode
        self.level = level
        self.channel = channel
        self.submittedAt = submittedAt
        self.receivedAt = receivedAt
        self.appointment = appointment
        self.resolvedAt = resolvedAt
        self.returnedAt = returnedAt
        self.closedAt = closedAt
        self.status = status
        self.supplementRequests = supplementRequests
        self.supplementPause = supplementPause
        self.pendingSupplementSince = pendingSupplementSince
        self.syncedToNationalPortal = syncedToNationalPortal
        self.isFullOnline = isFullOnline
        self.procedureFullOnlineEligible = procedureFullOnlineEligible
        self.feeDue = feeDue
        self.paidOnline = paidOnline
        self.requiresResultDocument = requiresResultDocument
        self.componentsDigitized = componentsDigitized
        self.resultDigitized = resultDigitized
        self.reusedData = reusedData
        self.usedCitizenDataStore = usedCitizenDataStore
        self.usedPopulationData = usedPopulationData
        self.rating = rating
        self.hasComplaint = hasComplaint
    }

    /// When a result was reached (Đã xử lý xong, else Đã trả kết quả), if it was.
    public var resultAt: Date? { resolvedAt ?? returnedAt }

    /// The end of processing per formula F of 2.1: the first of "Đã xử lý xong", "Đã trả kết quả", then
    /// "Dừng xử lý / Từ chối"; a withdrawal ends only a dossier that was received. `nil` while it is still open.
    public var endedAt: Date? {
        if let result = resultAt { return result }
        switch status {
        case .refused, .stopped: return closedAt
        case .withdrawn: return receivedAt == nil ? nil : closedAt
        default: return nil
        }
    }
}

/// One official document (văn bản) as the figures see it: item 1's e-signed and fully-electronic exchange rates.
public struct DocumentFact: Hashable, Sendable {
    /// Văn bản đi (issued by the unit) or văn bản đến (received by it).
    public enum Direction: String, Hashable, Codable, Sendable { case outgoing, incoming }

    /// Số, ký hiệu or register number, for reports.
    public var reference: String
    /// The issuing (outgoing) or receiving (incoming) unit's materialised path.
    public var unitPath: String
    /// The unit's administrative level.
    public var level: AdministrativeLevel
    public var direction: Direction
    /// Ngày ban hành (outgoing) or ngày đến (incoming) — what the period filters on.
    public var date: Date
    /// Được ký số — carries a valid digital signature.
    public var isDigitallySigned: Bool
    /// Gửi, nhận hoàn toàn dưới dạng điện tử — exchanged electronically only (no paper copy sent or received).
    public var isFullyElectronic: Bool

    public init(reference: String, unitPath: String, level: AdministrativeLevel, direction: Direction, date: Date,
                isDigitallySigned: Bool, isFullyElectronic: Bool) {
        self.reference = reference
        self.unitPath = unitPath
        self.level = level
        self.direction = direction
        self.date = date
        self.isDigitallySigned = isDigitallySigned
        self.isFullyElectronic = isFullyElectronic
    }
}
