import Fluent

/// The ordered list of every migration. Append only: a shipped migration is never edited.
public enum StorageMigrations {
    public static let all: [any Migration] = [
        CreateUnit(),
        CreateUser(),
        CreateCatalog(),
        CreateCalendarNotice(),
        CreateAuditEvent(),
        CreateDossier(),
        CreatePayment(),
        CreateDossierGroup(),
        CreateDossierTracking(),
        CreateDocuments(),
        CreateDocumentExchange(),
        CreateWorkIndexes(),
        CreateIndicatorTotals(),
        CreateDTIRounds(),
        CreateReportCampaigns(),
        AddIndicatorYearTotals(),
        CreateOpenFactsByUnitIndex(),
    ]
}
