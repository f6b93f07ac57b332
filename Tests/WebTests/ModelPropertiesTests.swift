import Fluent
import Storage
import Testing

/// The models' listed Fluent properties (`ModelProperties.swift`) must be exactly what reflection finds.
@Suite struct ModelPropertiesTests {
    static let models: [any Model.Type] = [
        DossierModel.self,
        DossierStepModel.self,
        DossierEventModel.self,
        StoredFileModel.self,
        FileUploadModel.self,
        DossierFileModel.self,
        OutboxMessageModel.self,
        DossierGroupModel.self,
        PaymentModel.self,
        AuditEventModel.self,
        CalendarNoticeModel.self,
        ProcedureModel.self,
        ProcedureVersionModel.self,
        ProcedureGroupModel.self,
        UnitModel.self,
        UnitSuccessorModel.self,
        UserModel.self,
        RoleAssignmentModel.self,
        AuthTokenModel.self,
        DocumentModel.self,
        DocumentRecipientModel.self,
        DocumentEventModel.self,
        DocumentAssignmentModel.self,
        SigningCredentialModel.self,
        ExchangeEndpointModel.self,
        ExchangeMessageModel.self,
        ReportCampaignModel.self,
        ReportCampaignUnitModel.self,
        ReportSubmissionModel.self,
    ]

    @Test func every_model_lists_exactly_the_properties_reflection_finds() {
        for type in Self.models {
            let model = type.init()
            let listed = model.properties.map { ObjectIdentifier($0 as AnyObject) }
            let reflected = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
                .map { ObjectIdentifier($0 as AnyObject) }
            #expect(!listed.isEmpty)
            #expect(listed == reflected, "\(type): listed properties differ from the declared ones")
        }
    }
}
