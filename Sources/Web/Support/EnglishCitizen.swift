extension English {
    /// A citizen's pages: online submission, my dossiers, a dossier's page (fee, supplement, result, rating), and the
    /// words every dossier page shares.
    static let citizen: [String: String] = [
        // shared by the dossier pages
        "Hồ sơ {0}": "Dossier {0}",
        "{0} hồ sơ": "{0} dossiers",
        "Mã hồ sơ": "Dossier code",
        "Thủ tục #field": "Procedure",
        "Trạng thái": "Status",
        "Người nộp": "Applicant",
        "Hẹn trả": "Appointment",
        "Hẹn trả kết quả": "Result appointment",
        "Chưa tiếp nhận": "Not yet received",
        "Thời gian": "Time",
        "Thao tác": "Action",
        "Ghi chú": "Note",
        "Chọn": "Choose",
        "Vui lòng chọn lại các tệp đính kèm.": "Please choose the attached files again.",
        // submission
        "Nộp hồ sơ: {0}": "Submit a dossier: {0}",
        "Nơi tiếp nhận": "Receiving office",
        "Tờ khai": "Application form",
        "Thành phần hồ sơ (tệp PDF, ảnh)": "Dossier components (PDF files, images)",
        "Chưa có hồ sơ.": "No dossiers yet.",
        // a dossier's page
        "Đã thanh toán {0}. Cảm ơn bạn.": "{0} paid. Thank you.",
        "Đã nộp hồ sơ bổ sung.": "The supplement has been submitted.",
        "Bộ phận một cửa sẽ xem xét để tiếp nhận.": "The one-stop desk will review it for intake.",
        "Hồ sơ tiếp tục được giải quyết.": "Processing of the dossier continues.",
        "Không phải nộp": "None due",
        "tiền mặt tại bộ phận một cửa": "in cash at the one-stop desk",
        "trực tuyến": "online",
        "{0} — Đã thanh toán ({1})": "{0} — Paid ({1})",
        "{0} — Chưa thanh toán": "{0} — Not paid",
        "Thanh toán phí, lệ phí": "Pay the fees",
        "Số tiền cần nộp: {0}.": "Amount due: {0}.",
        "Bạn được chuyển sang cổng thanh toán; thanh toán xong, bạn trở lại trang này.":
            "You will be taken to the payment gateway; after paying you come back to this page.",
        "Cơ quan giải quyết yêu cầu bổ sung lúc {0}:": "The handling agency asked for a supplement at {0}:",
        "Cơ quan giải quyết yêu cầu bổ sung:": "The handling agency asked for a supplement:",
        "Thời hạn giải quyết tạm dừng cho đến khi bạn nộp bổ sung; ngày hẹn trả được lùi tương ứng.":
            "The processing time is paused until you submit the supplement; the appointment is postponed accordingly.",
        "Hồ sơ chưa được tiếp nhận; sau khi bạn bổ sung, bộ phận một cửa xem xét lại để tiếp nhận.":
            "The dossier has not been received yet; after you supplement it, the one-stop desk reviews it again for intake.",
        "Tệp bổ sung": "Supplementary files",
        "Tệp PDF, ảnh JPEG/PNG, DOCX hoặc XML; chọn được nhiều tệp.": "PDF, JPEG/PNG images, DOCX or XML; several files may be chosen.",
        "Ghi chú (không bắt buộc)": "Note (optional)",
        "Nộp bổ sung": "Submit the supplement",
        "Tải kết quả": "Download the result",
        "{0} sao": "{0} stars",
        "Đánh giá mức độ hài lòng": "Rate your satisfaction",
        "Góp ý": "Comments",
        "Gửi đánh giá": "Send the rating",
        "Bạn đã đánh giá {0}/5. Cảm ơn bạn.": "You rated {0}/5. Thank you.",
        "{0} (tạm dừng trong khi chờ bổ sung)": "{0} (paused while awaiting the supplement)",
        "Quá trình giải quyết": "Processing history",
        "Hồ sơ không ở trạng thái chờ bổ sung": "The dossier is not awaiting a supplement",
        "Chọn ít nhất một tệp để bổ sung.": "Choose at least one file to supplement.",
        "Tệp bổ sung chưa hợp lệ": "The supplementary files are not valid",
        "Chưa chọn tệp bổ sung": "No supplementary file chosen",
    ]
}
