import Foundation
@testable import WorkCalendar

/// A date written as ISO text in a test; the fixture must be valid.
func date(_ iso: String) -> LocalDate {
    guard let date = LocalDate(iso: iso) else { fatalError("Invalid test date \(iso)") }
    return date
}

/// The instant at `hour:minute` Vietnam time on an ISO date.
func at(_ iso: String, _ hour: Int, _ minute: Int = 0) -> Date {
    VietnamTime.instant(date(iso), hour: hour, minute: minute)
}
