extension English {
    /// The officials' work on dossiers: my inbox and a dossier's work page.
    static let work: [String: String] = [
        "(quá hạn)": "(overdue)",
        "(đến hạn hôm nay)": "(due today)",
        "Hồ sơ chờ tôi xử lý": "Dossiers waiting for me",
        "{0} hồ sơ, hạn gần nhất trước": "{0} dossiers, nearest deadline first",
        "Bước": "Step",
        "Hạn của bước": "Step deadline",
        "Không có hồ sơ chờ xử lý.": "No dossiers waiting.",
        "Lý do": "Reason",
        "Văn bản kết quả (PDF)": "Result document (PDF)",
        "Số biên lai": "Receipt number",
        "Hình thức trả": "Return method",
        "Không có thao tác nào dành cho bạn ở bước này.": "There is no action for you at this step.",
        "Phiếu kiểm soát quá trình giải quyết": "Control slip",
        "Giấy tiếp nhận": "Receipt slip",
        "Các bước": "Steps",
        "TT": "No.",
        "Người thực hiện": "Performed by",
        "Hạn": "Deadline",
        "Hoàn thành": "Completed",
    ]
}
