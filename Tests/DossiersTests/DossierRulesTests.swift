import Catalog
import Dossiers
import Foundation
import Testing
import WorkCalendar

/// The pure rules of the dossier lifecycle.
@Suite struct DossierRulesTests {
    @Test func every_status_maps_to_its_national_code() {
        let expected: [DossierStatus: Int] = [.submitted: 1, .refused: 3, .processing: 4, .intakeSupplement: 5,
                                              .supplementRequested: 5, .withdrawn: 7, .stopped: 8, .resolved: 9, .returned: 10]
        for status in DossierStatus.allCases { #expect(status.nationalCode == expected[status], "\(status)") }
        #expect(DossierStatus.receivedNationalCode == 2)
        #expect(Channel.desk.nationalCode == 1 && Channel.online.nationalCode == 2 && Channel.postal.nationalCode == 3)
    }

    @Test func closed_dossiers_allow_no_action() {
        for action in DossierAction.allCases {
            for status in DossierStatus.allCases where status.isClosed {
                #expect(!action.allowedFrom.contains(status), "\(action) from \(status)")
            }
        }
    }

    @Test func the_dossier_code_has_agency_date_and_four_digit_sequence() {
        let code = DossierCode(agencyCode: "000.90.22.H60", year: 2026, month: 3, day: 2, sequence: 7)
        #expect(code.description == "000.90.22.H60-260302-0007")
        #expect(DossierCode("000.90.22.H60-260302-0007") == code)
        #expect(DossierCode("H60-260302-7") == nil)
    }

    @Test func names_are_masked_after_the_family_name() {
        #expect(NameMask.mask("Nguyễn Thị Hoa") == "Nguyễn T** H**")
        #expect(NameMask.mask("Lò Văn Páo") == "Lò V** P**")
    }

    @Test func classification_is_early_on_time_or_late_and_two_supplements_make_it_late() throws {
        let appointment = VietnamTime.instant(LocalDate(iso: "2026-03-05")!, hour: 17)
        #expect(Timekeeping.classify(resolvedAt: VietnamTime.instant(LocalDate(iso: "2026-03-04")!, hour: 9), appointment: appointment,
                                     supplementRequests: 0) == .early)
        #expect(Timekeeping.classify(resolvedAt: VietnamTime.instant(LocalDate(iso: "2026-03-05")!, hour: 9), appointment: appointment,
                                     supplementRequests: 1) == .onTime)
        #expect(Timekeeping.classify(resolvedAt: VietnamTime.instant(LocalDate(iso: "2026-03-05")!, hour: 17, minute: 1),
                                     appointment: appointment, supplementRequests: 0) == .late)
        #expect(Timekeeping.classify(resolvedAt: VietnamTime.instant(LocalDate(iso: "2026-03-04")!, hour: 9), appointment: appointment,
                                     supplementRequests: 2) == .late)
    }

    @Test func a_supplement_pause_moves_the_appointment_by_the_working_time_left() throws {
        let calendar = WorkingCalendar()
        // appointment Friday 6 March 17:00; paused Wednesday 4 March 17:00 (two working days left)
        let appointment = VietnamTime.instant(LocalDate(iso: "2026-03-06")!, hour: 17)
        let paused = VietnamTime.instant(LocalDate(iso: "2026-03-04")!, hour: 17)
        // resumed Monday 9 March 07:30 → two working days later: Tuesday 10 March 17:00
        let resumed = VietnamTime.instant(LocalDate(iso: "2026-03-09")!, hour: 7, minute: 30)
        let moved = Timekeeping.resume(appointment: appointment, pausedAt: paused, resumedAt: resumed, calendar: calendar)
        #expect(moved == VietnamTime.instant(LocalDate(iso: "2026-03-10")!, hour: 17))
    }

    @Test func the_e_form_is_checked_field_by_field() {
        let fields = [
            FormField(key: "name", label: "Họ tên", type: .text, required: true, options: nil),
            FormField(key: "born", label: "Ngày sinh", type: .date, required: true, options: nil),
            FormField(key: "pin", label: "Số định danh", type: .personalID, required: false, options: nil),
            FormField(key: "sex", label: "Giới tính", type: .select, required: true, options: ["Nam", "Nữ"]),
            FormField(key: "count", label: "Số bản", type: .number, required: false, options: nil),
        ]
        let today = LocalDate(iso: "2026-03-02")!
        let errors = FormValidation.errors(fields: fields, values: ["born": "2026-13-01", "pin": "123", "sex": "Khác",
                                                                    "count": "hai", "extra": "x"], today: today)
        #expect(Set(errors.keys) == ["name", "born", "pin", "sex", "count", "extra"])
        #expect(errors["pin"]?.contains("12 chữ số") == true)
        #expect(FormValidation.errors(fields: fields, values: ["name": "Lan", "born": "2026-03-03", "sex": "Nữ"], today: today)["born"] != nil)
        #expect(FormValidation.errors(fields: fields, values: ["name": "Lan", "born": "2020-01-01", "sex": "Nữ",
                                                               "pin": "008220000123"], today: today).isEmpty)
    }

    @Test func accepted_files_are_recognised_by_content() {
        #expect(AcceptedFileType.detect(Array("%PDF-1.7\n".utf8)) == .pdf)
        #expect(AcceptedFileType.detect([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(AcceptedFileType.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(AcceptedFileType.detect(Array("<?xml version=\"1.0\"?><a/>".utf8)) == .xml)
        #expect(AcceptedFileType.detect(Array("MZ\u{90}executable".utf8)) == nil)
        #expect(AcceptedFileType.detect([0x50, 0x4B, 0x03, 0x04] + Array("random.zip".utf8)) == nil)
        #expect(AcceptedFileType.detect([0x50, 0x4B, 0x03, 0x04] + Array("[Content_Types].xml word/document.xml".utf8)) == .docx)
    }
}
