import Foundation
import Indicators

/// The hand-built fixture: 33 dossiers of two communes and one department (with a sub-unit) whose outcomes are
/// known, and 6 documents. Every expected value in the tests is counted by hand from the table below.
///
/// Units (materialised paths):
/// - X1 "/08/X01/" — Xã Một (commune level)
/// - X2 "/08/X02/" — Xã Hai (commune level)
/// - STP "/08/STP/" — Sở Tư pháp (province level), with its sub-unit TT "/08/STP/TT/" (Trung tâm Trợ giúp pháp lý)
///
/// Procedures: KS khai sinh (no fee, written result, eligible for full online), CT chứng thực (fee 10 000/20 000,
/// written result, eligible), XN xác nhận (no time limit, no written result, not eligible), LLTP lý lịch tư pháp
/// (fee 200 000, written result, eligible), CC công chứng (written result, not eligible), TGPL trợ giúp pháp lý
/// (no written result, eligible).
///
/// Main period: June 2025 (`.month(2025, 6)`), now = 10/7/2025 12:00, so the evaluation instant E is
/// 1/7/2025 00:00 Vietnam time. All times below are Vietnam time (UTC+7). "A" = original appointment.
///
/// | code  | unit | proc | channel | received    | A           | end                      | outcome at E (June)     |
/// |-------|------|------|---------|-------------|-------------|--------------------------|-------------------------|
/// | X1-01 | X1   | KS   | online* | 02/6 08:00  | 02/6 17:00  | resolved 02/6 10:00      | on time (same day)      |
/// | X1-02 | X1   | KS   | desk    | 03/6 09:00  | 05/6 17:00  | resolved 04/6 15:00      | early                   |
/// | X1-03 | X1   | CT   | online  | 05/6 08:00  | 06/6 17:00  | resolved 09/6 09:00, 1 supplement, pause 72 h → 06/6 09:00 | on time |
/// | X1-04 | X1   | CT   | desk    | 10/6 08:00  | 12/6 17:00  | resolved 11/6 10:00, 2 supplements (pause 2 h) | late (>1) |
/// | X1-05 | X1   | KS   | postal  | 12/6 08:00  | 13/6 17:00  | resolved 16/6 08:00      | late                    |
/// | X1-06 | X1   | CT   | online* | 20/6 08:00  | 23/6 17:00  | resolved 23/6 16:00      | on time                 |
/// | X1-07 | X1   | KS   | desk    | 25/6 08:00  | 27/6 17:00  | open                     | open, overdue           |
/// | X1-08 | X1   | KS   | online  | 26/6 08:00  | 03/7 17:00  | open                     | open, in time           |
/// | X1-09 | X1   | CT   | desk    | 28/5 08:00  | 03/6 17:00  | resolved 02/6 09:00      | carried over, early     |
/// | X1-10 | X1   | KS   | desk    | 20/5 08:00  | 22/5 17:00  | resolved 22/5 10:00      | not in June             |
/// | X1-11 | X1   | KS   | online  | —           | —           | refused at intake 16/6   | never received          |
/// | Q-01  | X1   | KS   | online  | 31/3 23:59:59 | 02/4 17:00 | resolved 01/4 10:00     | first quarter           |
/// | Q-02  | X1   | KS   | online  | 01/4 00:00  | 03/4 17:00  | resolved 02/4 10:00      | second quarter          |
/// | X2-01 | X2   | KS   | online* | 02/6 14:00  | 04/6 17:00  | resolved 03/6 10:00      | early                   |
/// | X2-02 | X2   | CT   | desk    | 04/6 08:00  | 06/6 17:00  | resolved 06/6 17:00      | on time (exactly at A)  |
/// | X2-03 | X2   | CT   | online  | 09/6 08:00  | 11/6 17:00  | awaiting supplement since 10/6 09:00 | open, in time (ends at request) |
/// | X2-04 | X2   | KS   | desk    | 16/6 08:00  | 18/6 17:00  | withdrawn 17/6 10:00     | closed without result, early |
/// | X2-05 | X2   | KS   | postal  | 18/6 08:00  | 20/6 17:00  | resolved 24/6 08:00      | late                    |
/// | X2-06 | X2   | CT   | online  | 23/6 08:00  | 25/6 17:00  | resolved 25/6 09:00      | on time                 |
/// | X2-07 | X2   | XN   | desk    | 24/6 08:00  | none        | resolved 30/6 08:00      | on time (no time limit) |
/// | X2-08 | X2   | KS   | online  | —           | —           | pending since 30/6       | never received          |
/// | S-01  | STP  | LLTP | online* | 02/6 08:00  | 11/6 17:00  | resolved 10/6 08:00      | early                   |
/// | S-02  | STP  | LLTP | online  | 03/6 08:00  | 12/6 17:00  | resolved 13/6 08:00      | late                    |
/// | S-03  | STP  | LLTP | desk    | 05/6 08:00  | 16/6 17:00  | resolved 19/6 10:00, 1 supplement, pause 120 h → 14/6 10:00 | early |
/// | S-04  | STP  | CC   | desk    | 09/6 08:00  | 20/6 17:00  | stopped 12/6 10:00       | closed without result, early |
/// | S-05  | STP  | CC   | online  | 26/5 08:00  | 06/6 17:00  | resolved 09/6 08:00      | carried over, late      |
/// | S-06  | STP  | CC   | desk    | 29/5 08:00  | 10/6 17:00  | open                     | carried over, open, overdue |
/// | S-07  | STP  | LLTP | online* | 27/6 08:00  | 08/7 17:00  | resolved 07/7 08:00      | open at E, in time      |
/// | S-08  | STP  | CC   | desk    | 30/6 16:00  | 02/7 17:00  | open, 2 supplements      | open, late (>1)         |
/// | T-01  | TT   | TGPL | desk    | 04/6 08:00  | 18/6 17:00  | resolved 17/6 08:00      | early                   |
/// | T-02  | TT   | TGPL | online* | 11/6 08:00  | 25/6 17:00  | resolved 25/6 08:00      | on time                 |
/// | T-03  | TT   | TGPL | postal  | 16/6 08:00  | 30/6 17:00  | resolved 30/6 18:00      | late                    |
/// | T-04  | TT   | TGPL | desk    | 02/7 08:00  | 09/7 17:00  | open                     | July                    |
///
/// `online*` = full online (toàn trình). The flags of each dossier (fee, payment, digitisation, reuse, sync, rating,
/// complaint) are in the code below, one line per dossier.
enum Fixture {
    /// An instant in Vietnam time (UTC+7).
    static func vn(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Date {
        Period.Day(year: year, month: month, day: day).midnight
            .addingTimeInterval(Double(hour * 3600 + minute * 60 + second))
    }

    /// June 2025 at 08:00 on `day` (most receptions).
    static func jun(_ day: Int, _ hour: Int = 8, _ minute: Int = 0) -> Date { vn(2025, 6, day, hour, minute) }

    static let hour: TimeInterval = 3600

    static let june = Period.month(year: 2025, month: 6)
    static let now = vn(2025, 7, 10, 12)

    static let province = "/08/"
    static let x1 = "/08/X01/"
    static let x2 = "/08/X02/"
    static let stp = "/08/STP/"
    static let tt = "/08/STP/TT/"

    /// A commune dossier.
    static func commune(_ code: String, _ path: String, _ unit: String, _ proc: String, _ channel: DossierFact.Channel,
                        received: Date?, appointment: Date?, status: DossierFact.Status) -> DossierFact {
        let (fee, result, eligible) = procedures[proc]!
        return DossierFact(code: code, unitCode: unit, unitPath: path, procedureCode: proc, level: .commune,
                           channel: channel, submittedAt: received ?? jun(1), receivedAt: received,
                           appointment: appointment, status: status, procedureFullOnlineEligible: eligible,
                           feeDue: fee, requiresResultDocument: result)
    }

    /// A department (province-level) dossier.
    static func department(_ code: String, _ path: String, _ unit: String, _ proc: String, _ channel: DossierFact.Channel,
                           received: Date?, appointment: Date?, status: DossierFact.Status) -> DossierFact {
        var fact = commune(code, path, unit, proc, channel, received: received, appointment: appointment, status: status)
        fact.level = .province
        return fact
    }

    /// Procedure → (fee in đồng, requires a written result, eligible for full online). CT's fee is set per commune.
    static let procedures: [String: (Int, Bool, Bool)] = [
        "KS": (0, true, true), "CT": (10_000, true, true), "XN": (0, false, false),
        "LLTP": (200_000, true, true), "CC": (0, true, false), "TGPL": (0, false, true),
    ]

    static let dossiers: [DossierFact] = {
        var all: [DossierFact] = []
        func add(_ fact: DossierFact, _ change: (inout DossierFact) -> Void) {
            var f = fact
            change(&f)
            all.append(f)
        }
        // ---- X1, Xã Một ----
        add(commune("X1-01", x1, "X01", "KS", .online, received: jun(2), appointment: jun(2, 17), status: .returned)) {
            $0.resolvedAt = jun(2, 10); $0.returnedAt = jun(2, 11); $0.isFullOnline = true
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.reusedData = true; $0.usedPopulationData = true
            $0.syncedToNationalPortal = true; $0.rating = .verySatisfied
        }
        add(commune("X1-02", x1, "X01", "KS", .desk, received: jun(3, 9), appointment: jun(5, 17), status: .resolved)) {
            $0.resolvedAt = jun(4, 15)
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.usedPopulationData = true
            $0.syncedToNationalPortal = true
        }
        add(commune("X1-03", x1, "X01", "CT", .online, received: jun(5), appointment: jun(6, 17), status: .returned)) {
            $0.resolvedAt = jun(9, 9); $0.returnedAt = jun(9, 10)
            $0.supplementRequests = 1; $0.supplementPause = 72 * hour   // 05/6 10:00 → 08/6 10:00
            $0.paidOnline = true
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.reusedData = true; $0.usedCitizenDataStore = true
            $0.syncedToNationalPortal = true
        }
        add(commune("X1-04", x1, "X01", "CT", .desk, received: jun(10), appointment: jun(12, 17), status: .resolved)) {
            $0.resolvedAt = jun(11, 10); $0.supplementRequests = 2; $0.supplementPause = 2 * hour
            $0.componentsDigitized = true; $0.syncedToNationalPortal = true
        }
        add(commune("X1-05", x1, "X01", "KS", .postal, received: jun(12), appointment: jun(13, 17), status: .returned)) {
            $0.resolvedAt = jun(16, 8); $0.returnedAt = jun(16, 9)
        }
        add(commune("X1-06", x1, "X01", "CT", .online, received: jun(20), appointment: jun(23, 17), status: .resolved)) {
            $0.resolvedAt = jun(23, 16); $0.isFullOnline = true; $0.paidOnline = true
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.reusedData = true; $0.usedCitizenDataStore = true
            $0.usedPopulationData = true; $0.syncedToNationalPortal = true; $0.rating = .dissatisfied
        }
        add(commune("X1-07", x1, "X01", "KS", .desk, received: jun(25), appointment: jun(27, 17), status: .processing)) {
            $0.componentsDigitized = true; $0.usedPopulationData = true; $0.syncedToNationalPortal = true
        }
        add(commune("X1-08", x1, "X01", "KS", .online, received: jun(26), appointment: vn(2025, 7, 3, 17), status: .processing)) {
            $0.componentsDigitized = true; $0.reusedData = true; $0.usedPopulationData = true; $0.syncedToNationalPortal = true
        }
        add(commune("X1-09", x1, "X01", "CT", .desk, received: vn(2025, 5, 28, 8), appointment: jun(3, 17), status: .returned)) {
            $0.resolvedAt = jun(2, 9); $0.syncedToNationalPortal = true
        }
        add(commune("X1-10", x1, "X01", "KS", .desk, received: vn(2025, 5, 20, 8), appointment: vn(2025, 5, 22, 17), status: .returned)) {
            $0.resolvedAt = vn(2025, 5, 22, 10)
        }
        add(commune("X1-11", x1, "X01", "KS", .online, received: nil, appointment: nil, status: .refused)) {
            $0.submittedAt = jun(15); $0.closedAt = jun(16)
        }
        add(commune("Q-01", x1, "X01", "KS", .online, received: vn(2025, 3, 31, 23, 59, 59), appointment: vn(2025, 4, 2, 17), status: .returned)) {
            $0.resolvedAt = vn(2025, 4, 1, 10)
        }
        add(commune("Q-02", x1, "X01", "KS", .online, received: vn(2025, 4, 1, 0), appointment: vn(2025, 4, 3, 17), status: .returned)) {
            $0.resolvedAt = vn(2025, 4, 2, 10)
        }
        // ---- X2, Xã Hai (chứng thực costs 20 000 here) ----
        add(commune("X2-01", x2, "X02", "KS", .online, received: jun(2, 14), appointment: jun(4, 17), status: .returned)) {
            $0.resolvedAt = jun(3, 10); $0.isFullOnline = true
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.usedPopulationData = true
            $0.syncedToNationalPortal = true; $0.rating = .satisfied
        }
        add(commune("X2-02", x2, "X02", "CT", .desk, received: jun(4), appointment: jun(6, 17), status: .returned)) {
            $0.feeDue = 20_000; $0.resolvedAt = jun(6, 17)
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.reusedData = true; $0.syncedToNationalPortal = true
        }
        add(commune("X2-03", x2, "X02", "CT", .online, received: jun(9), appointment: jun(11, 17), status: .awaitingSupplement)) {
            $0.feeDue = 20_000; $0.paidOnline = true
            $0.supplementRequests = 1; $0.pendingSupplementSince = jun(10, 9)
            $0.componentsDigitized = true; $0.syncedToNationalPortal = true
        }
        add(commune("X2-04", x2, "X02", "KS", .desk, received: jun(16), appointment: jun(18, 17), status: .withdrawn)) {
            $0.closedAt = jun(17, 10); $0.syncedToNationalPortal = true
        }
        add(commune("X2-05", x2, "X02", "KS", .postal, received: jun(18), appointment: jun(20, 17), status: .returned)) {
            $0.resolvedAt = jun(24, 8); $0.componentsDigitized = true; $0.resultDigitized = true; $0.hasComplaint = true
        }
        add(commune("X2-06", x2, "X02", "CT", .online, received: jun(23), appointment: jun(25, 17), status: .returned)) {
            $0.feeDue = 20_000; $0.paidOnline = true; $0.resolvedAt = jun(25, 9)
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.reusedData = true; $0.usedCitizenDataStore = true
            $0.usedPopulationData = true; $0.syncedToNationalPortal = true; $0.rating = .satisfied
        }
        add(commune("X2-07", x2, "X02", "XN", .desk, received: jun(24), appointment: nil, status: .returned)) {
            $0.resolvedAt = jun(30, 8); $0.componentsDigitized = true; $0.usedPopulationData = true
            $0.syncedToNationalPortal = true
        }
        add(commune("X2-08", x2, "X02", "KS", .online, received: nil, appointment: nil, status: .pending)) {
            $0.submittedAt = jun(30, 9)
        }
        // ---- STP, Sở Tư pháp ----
        add(department("S-01", stp, "STP", "LLTP", .online, received: jun(2), appointment: jun(11, 17), status: .returned)) {
            $0.resolvedAt = jun(10, 8); $0.isFullOnline = true; $0.paidOnline = true
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.reusedData = true; $0.usedCitizenDataStore = true
            $0.usedPopulationData = true; $0.syncedToNationalPortal = true; $0.rating = .satisfied
        }
        add(department("S-02", stp, "STP", "LLTP", .online, received: jun(3), appointment: jun(12, 17), status: .returned)) {
            $0.resolvedAt = jun(13, 8)
            $0.componentsDigitized = true; $0.usedPopulationData = true; $0.syncedToNationalPortal = true
            $0.rating = .dissatisfied
        }
        add(department("S-03", stp, "STP", "LLTP", .desk, received: jun(5), appointment: jun(16, 17), status: .returned)) {
            $0.resolvedAt = jun(19, 10); $0.supplementRequests = 1; $0.supplementPause = 120 * hour  // 06/6 → 11/6 08:00
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.reusedData = true; $0.usedPopulationData = true
            $0.syncedToNationalPortal = true
        }
        add(department("S-04", stp, "STP", "CC", .desk, received: jun(9), appointment: jun(20, 17), status: .stopped)) {
            $0.closedAt = jun(12, 10); $0.syncedToNationalPortal = true
        }
        add(department("S-05", stp, "STP", "CC", .online, received: vn(2025, 5, 26, 8), appointment: jun(6, 17), status: .returned)) {
            $0.resolvedAt = jun(9, 8); $0.componentsDigitized = true; $0.resultDigitized = true
            $0.syncedToNationalPortal = true
        }
        add(department("S-06", stp, "STP", "CC", .desk, received: vn(2025, 5, 29, 8), appointment: jun(10, 17), status: .processing)) {
            $0.syncedToNationalPortal = true
        }
        add(department("S-07", stp, "STP", "LLTP", .online, received: jun(27), appointment: vn(2025, 7, 8, 17), status: .returned)) {
            $0.resolvedAt = vn(2025, 7, 7, 8); $0.isFullOnline = true; $0.paidOnline = true
            $0.componentsDigitized = true; $0.resultDigitized = true; $0.reusedData = true; $0.usedPopulationData = true
            $0.syncedToNationalPortal = true
        }
        add(department("S-08", stp, "STP", "CC", .desk, received: jun(30, 16), appointment: vn(2025, 7, 2, 17), status: .processing)) {
            $0.supplementRequests = 2; $0.supplementPause = 1 * hour
        }
        // ---- TT, Trung tâm Trợ giúp pháp lý (sub-unit of STP) ----
        add(department("T-01", tt, "TT", "TGPL", .desk, received: jun(4), appointment: jun(18, 17), status: .returned)) {
            $0.resolvedAt = jun(17, 8); $0.componentsDigitized = true; $0.usedPopulationData = true
            $0.syncedToNationalPortal = true
        }
        add(department("T-02", tt, "TT", "TGPL", .online, received: jun(11), appointment: jun(25, 17), status: .returned)) {
            $0.resolvedAt = jun(25, 8); $0.isFullOnline = true
            $0.componentsDigitized = true; $0.reusedData = true; $0.usedCitizenDataStore = true; $0.usedPopulationData = true
            $0.syncedToNationalPortal = true; $0.rating = .satisfied
        }
        add(department("T-03", tt, "TT", "TGPL", .postal, received: jun(16), appointment: jun(30, 17), status: .returned)) {
            $0.resolvedAt = jun(30, 18); $0.syncedToNationalPortal = true; $0.hasComplaint = true
        }
        add(department("T-04", tt, "TT", "TGPL", .desk, received: vn(2025, 7, 2, 8), appointment: vn(2025, 7, 9, 17), status: .processing)) {
            $0.syncedToNationalPortal = true
        }
        return all
    }()

    /// Documents: STP issues three (two e-signed, one fully electronic) and receives one fully electronic; X1 issues
    /// one e-signed, fully electronic; X2 issues one in July.
    static let documents: [DocumentFact] = [
        DocumentFact(reference: "101/STP-VP", unitPath: stp, level: .province, direction: .outgoing, date: jun(5),
                     isDigitallySigned: true, isFullyElectronic: true),
        DocumentFact(reference: "102/STP-VP", unitPath: stp, level: .province, direction: .outgoing, date: jun(10),
                     isDigitallySigned: true, isFullyElectronic: false),
        DocumentFact(reference: "103/STP-VP", unitPath: stp, level: .province, direction: .outgoing, date: jun(20),
                     isDigitallySigned: false, isFullyElectronic: false),
        DocumentFact(reference: "đến 55", unitPath: stp, level: .province, direction: .incoming, date: jun(12),
                     isDigitallySigned: true, isFullyElectronic: true),
        DocumentFact(reference: "12/UBND", unitPath: x1, level: .commune, direction: .outgoing, date: jun(15),
                     isDigitallySigned: true, isFullyElectronic: true),
        DocumentFact(reference: "30/UBND", unitPath: x2, level: .commune, direction: .outgoing, date: vn(2025, 7, 2, 8),
                     isDigitallySigned: true, isFullyElectronic: true),
    ]
}
