import Access
import Core
import Dossiers
import Fluent
import Foundation
@testable import Storage
import Testing
import Vapor

/// Actions on a dossier the caller holds with its steps (`DossierService.act(_:on:steps:…)`, the province-year
/// generator's way): the models stay as stored, and the rules are those of an action by code.
@Suite struct HeldDossierTests {
    /// An official holding every role over the whole province.
    static let official = Actor(userID: UUID(), username: "kiemthu", kind: .official,
                                assignments: Role.allCases.map { RoleAssignment(role: $0, unitCode: "08", unitPath: "/08/") })

    /// A walk-in dossier taken at Minh Xuân's desk (received at once), and the context it was taken in.
    static func deskDossier(_ app: Application) async throws -> (DossierService.SubmittedDossier, DossierService.Context) {
        let context = DossierService.Context(actor: official, fullName: "Kiểm thử", now: app.clock.now(),
                                             calendar: try await CalendarStore.calendar(on: app.db))
        let form = try await DossierAPITests.form(for: "1.001022", on: app.db)
        let submitted = try await DossierService.submitted(
            .init(procedure: "1.001022", unit: DossierAPITests.minhXuan, channel: .desk, applicant: .init(fullName: "Nguyễn Văn An"),
                  form: form),
            context: context, on: app.db)
        return (submitted, context)
    }

    /// The held dossier and steps equal their rows, field by field where an action changes them.
    static func expectStored(_ dossier: DossierModel, _ steps: [DossierStepModel], on db: any Database) async throws {
        let stored = try await DossierStepModel.query(on: db).filter(\.$dossier.$id == dossier.requireID()).sort(\.$index).all()
        #expect(stored.map(\.id) == steps.map(\.id))
        #expect(stored.map(\.startedAt) == steps.map(\.startedAt))
        #expect(stored.map(\.completedAt) == steps.map(\.completedAt))
        #expect(stored.map(\.completedBy) == steps.map(\.completedBy))
        #expect(stored.map(\.deadline) == steps.map(\.deadline))
        let row = try #require(try await DossierModel.find(dossier.id, on: db))
        #expect(row.status == dossier.status && row.currentStep == dossier.currentStep && row.revision == dossier.revision)
        #expect(row.appointment == dossier.appointment && row.receivedAt == dossier.receivedAt)
    }

    @Test(arguments: Engine.all)
    func a_desk_submission_gives_its_steps_as_received_and_held_actions_keep_them_as_stored(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let (submitted, context) = try await Self.deskDossier(app)
            let dossier = submitted.dossier
            let steps = try #require(submitted.steps)
            #expect(dossier.status == .processing && dossier.currentStep == 1)
            #expect(steps[0].completedAt == context.now && steps[1].startedAt == context.now)  // received: the desk's step done
            try await Self.expectStored(dossier, steps, on: app.db)

            let revision = dossier.revision
            _ = try await DossierService.act(.forward, on: dossier, steps: steps, input: .init(), context: context, on: app.db)
            #expect(dossier.currentStep == 2 && dossier.revision > revision)
            #expect(steps[1].completedAt == context.now && steps[2].startedAt == context.now)
            try await Self.expectStored(dossier, steps, on: app.db)
            _ = try await DossierService.act(.requestSupplement, on: dossier, steps: steps, input: .init(reason: "Thiếu giấy tờ"),
                                             context: context, on: app.db)
            #expect(dossier.status == .supplementRequested)
            try await Self.expectStored(dossier, steps, on: app.db)
            let events = try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == dossier.requireID()).all()
            #expect(events.map(\.action).suffix(2) == ["forward", "request-supplement"])
        }
    }

    @Test(arguments: Engine.all)
    func a_held_dossier_changed_by_someone_else_since_is_refused_with_409_and_nothing_changes(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let (submitted, context) = try await Self.deskDossier(app)
            let held = submitted.dossier
            let steps = try #require(submitted.steps)
            // another official forwards it by its code meanwhile
            let other = try await DossierService.act(.forward, code: held.code, input: .init(), context: context, on: app.db)
            let events = try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == held.requireID()).count()
            do {
                _ = try await DossierService.act(.forward, on: held, steps: steps, input: .init(), context: context, on: app.db)
                Issue.record("a stale held dossier was acted on")
            } catch let problem as Problem {
                #expect(problem.status == 409)
            }
            #expect(try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == held.requireID()).count() == events)
            let row = try #require(try await DossierModel.find(held.id, on: app.db))
            #expect(row.revision == other.revision && row.currentStep == other.currentStep)
            let stored = try await DossierStepModel.query(on: app.db).filter(\.$dossier.$id == held.requireID()).sort(\.$index).all()
            #expect(stored[2].completedAt == nil)  // the step the stale action would have completed
        }
    }

    @Test(arguments: Engine.all)
    func a_held_dossier_answers_as_by_code_to_whoever_may_not_see_it(engine: Engine) async throws {
        try await withPlatform(engine) { app in
            let (submitted, context) = try await Self.deskDossier(app)
            let steps = try #require(submitted.steps)
            let stranger = Actor(userID: UUID(), username: "001099000001", kind: .citizen, assignments: [])
            let elsewhere = Actor(userID: UUID(), username: "canbo", kind: .official,
                                  assignments: Role.allCases.map { RoleAssignment(role: $0, unitCode: DossierAPITests.lamBinh, unitPath: "/08/\(DossierAPITests.lamBinh)/") })
            for (actor, status) in [(stranger, 404), (elsewhere, 403)] {
                var theirs = context
                theirs.actor = actor
                do {
                    _ = try await DossierService.act(.stop, on: submitted.dossier, steps: steps, input: .init(reason: "Dừng"), context: theirs, on: app.db)
                    Issue.record("\(actor.username) acted on a dossier out of sight")
                } catch let problem as Problem {
                    #expect(problem.status == status)
                }
            }
            let row = try #require(try await DossierModel.find(submitted.dossier.id, on: app.db))
            #expect(row.status == .processing && row.revision == submitted.dossier.revision)
        }
    }
}
