import Organisation

/// Sở, ban, ngành của tỉnh Tuyên Quang — the province's departments after the 2025 reorganisation,
/// each with a few of its offices. Codes are cqs mnemonics; agency codes are numbered in this order.
public enum TuyenQuangDepartments {
    /// A department with its offices.
    public struct Department: Sendable {
        public var code: String
        public var name: String
        public var offices: [(code: String, name: String)]
    }

    public static let all: [Department] = [
        .init(code: "VPUBND", name: "Văn phòng UBND tỉnh", offices: [
            ("VPUBND.TH", "Phòng Tổng hợp"), ("VPUBND.HCTC", "Phòng Hành chính - Tổ chức"),
            ("VPUBND.KSTT", "Phòng Kiểm soát thủ tục hành chính")]),
        .init(code: "TTPVHCC", name: "Trung tâm Phục vụ hành chính công tỉnh", offices: [
            ("TTPVHCC.TN", "Bộ phận Tiếp nhận và Trả kết quả"), ("TTPVHCC.GS", "Phòng Giám sát, Đánh giá")]),
        .init(code: "SNV", name: "Sở Nội vụ", offices: [
            ("SNV.TCBC", "Phòng Tổ chức, Biên chế"), ("SNV.CCHC", "Phòng Cải cách hành chính"),
            ("SNV.LDVL", "Phòng Lao động - Việc làm")]),
        .init(code: "STC", name: "Sở Tài chính", offices: [
            ("STC.NS", "Phòng Quản lý ngân sách"), ("STC.DKKD", "Phòng Đăng ký kinh doanh")]),
        .init(code: "STP", name: "Sở Tư pháp", offices: [
            ("STP.HCTP", "Phòng Hành chính tư pháp"), ("STP.BTTG", "Phòng Bổ trợ tư pháp"),
            ("STP.XDVB", "Phòng Xây dựng và Kiểm tra văn bản")]),
        .init(code: "SCT", name: "Sở Công Thương", offices: [
            ("SCT.QLTM", "Phòng Quản lý thương mại"), ("SCT.NL", "Phòng Quản lý năng lượng")]),
        .init(code: "SNNMT", name: "Sở Nông nghiệp và Môi trường", offices: [
            ("SNNMT.DD", "Phòng Quản lý đất đai"), ("SNNMT.MT", "Phòng Môi trường"),
            ("SNNMT.VPDK", "Văn phòng Đăng ký đất đai")]),
        .init(code: "SXD", name: "Sở Xây dựng", offices: [
            ("SXD.QLXD", "Phòng Quản lý xây dựng"), ("SXD.GT", "Phòng Quản lý giao thông")]),
        .init(code: "SGDDT", name: "Sở Giáo dục và Đào tạo", offices: [
            ("SGDDT.GDTrH", "Phòng Giáo dục trung học"), ("SGDDT.KT", "Phòng Khảo thí và Quản lý chất lượng")]),
        .init(code: "SYT", name: "Sở Y tế", offices: [
            ("SYT.NVY", "Phòng Nghiệp vụ Y"), ("SYT.NVD", "Phòng Nghiệp vụ Dược")]),
        .init(code: "SVHTTDL", name: "Sở Văn hóa, Thể thao và Du lịch", offices: [
            ("SVHTTDL.QLVH", "Phòng Quản lý văn hóa"), ("SVHTTDL.DL", "Phòng Quản lý du lịch")]),
        .init(code: "SKHCN", name: "Sở Khoa học và Công nghệ", offices: [
            ("SKHCN.CDS", "Phòng Chuyển đổi số"), ("SKHCN.BCVT", "Phòng Bưu chính, Viễn thông")]),
        .init(code: "SDTTG", name: "Sở Dân tộc và Tôn giáo", offices: [
            ("SDTTG.CS", "Phòng Chính sách dân tộc"), ("SDTTG.TG", "Phòng Quản lý tôn giáo")]),
        .init(code: "TTT", name: "Thanh tra tỉnh", offices: [
            ("TTT.TCD", "Phòng Tiếp công dân, Xử lý đơn thư"), ("TTT.PCTN", "Phòng Phòng, chống tham nhũng")]),
        .init(code: "BQLKCN", name: "Ban Quản lý các khu công nghiệp tỉnh", offices: [
            ("BQLKCN.DT", "Phòng Quản lý đầu tư"), ("BQLKCN.QH", "Phòng Quy hoạch - Xây dựng")]),
        .init(code: "CAT", name: "Công an tỉnh", offices: [
            ("CAT.QLHC", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội"),
            ("CAT.XNC", "Phòng Quản lý xuất nhập cảnh")]),
        .init(code: "BHXH", name: "Bảo hiểm xã hội tỉnh", offices: [
            ("BHXH.THU", "Phòng Quản lý thu"), ("BHXH.CS", "Phòng Chế độ bảo hiểm xã hội")]),
        .init(code: "DPTTH", name: "Báo và Phát thanh, Truyền hình Tuyên Quang", offices: [
            ("DPTTH.TS", "Phòng Thời sự")]),
        .init(code: "BQLDA", name: "Ban Quản lý dự án đầu tư xây dựng tỉnh", offices: [
            ("BQLDA.KH", "Phòng Kế hoạch - Tổng hợp")]),
    ]

    /// The offices every commune-level People's Committee has after 2025 (Decree 150/2025).
    public static let communeOffices: [(suffix: String, name: String)] = [
        ("VP", "Văn phòng HĐND và UBND"), ("KT", "Phòng Kinh tế"), ("VHXH", "Phòng Văn hóa - Xã hội"),
        ("TTPVHCC", "Trung tâm Phục vụ hành chính công"),
    ]
}
