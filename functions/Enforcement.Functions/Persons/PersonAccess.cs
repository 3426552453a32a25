using Enforcement.Functions.Audit;
using Enforcement.Functions.Links;
using Enforcement.Functions.Security;
using Enforcement.Functions.Seizures;

namespace Enforcement.Functions.Persons;

/// <summary>
/// Who may see a suspect or company. Analysts: everyone. Officers and supervisors: persons linked to a seizure of
/// their office (a port covers its units), and persons their office recorded (so a record can be read back before
/// it is linked). Everyone else: no one. The link is found through the person's side of the link table, filtered
/// by office, and confirmed on the seizure itself, so a link row that trails a correction never widens access.
/// </summary>
internal sealed class PersonAccess(LinkStore links, SeizureStore seizures, PersonStore persons, Auditor auditor)
{
    /// <summary>How many office-matching links are confirmed against their seizures before access is refused.</summary>
    private const int MaxLinksConfirmed = 5;

    public static bool ReadsEveryone(Caller caller) => caller.IsInRole(Roles.Analyst);

    public static bool WorksForAnOffice(Caller caller) => caller.IsInRole(Roles.Officer, Roles.Supervisor) && caller.Office is not null;

    public async Task<bool> CanReadAsync(Caller caller, PersonEntity person, CancellationToken cancellationToken)
    {
        if (ReadsEveryone(caller))
        {
            return true;
        }

        if (!WorksForAnOffice(caller))
        {
            return false;
        }

        if (person.RecordedByOffice is { } recordedBy && caller.CoversOffice(recordedBy))
        {
            return true;
        }

        var confirmed = 0;
        await foreach (var link in links.InOfficeAsync(person.RowKey, caller.Office!, cancellationToken))
        {
            if (await SeizureInScopeAsync(caller, link.SeizureId, cancellationToken) is not null)
            {
                return true;
            }

            if (++confirmed >= MaxLinksConfirmed)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads a record the caller may see. A record outside the caller's scope is audited and reported as not found,
    /// so that its existence is not revealed; with <paramref name="auditRead"/> the read itself is audited too.
    /// </summary>
    public async Task<PersonEntity?> ReadInScopeAsync(HttpContext context, PersonKind kind, string id, string operation, bool auditRead, CancellationToken cancellationToken)
    {
        if (!PersonId.TryParse(id, kind, out var personId) || await persons.GetAsync(personId.Value, cancellationToken) is not { } entity)
        {
            return null;
        }

        if (!await CanReadAsync(context.Caller(), entity, cancellationToken))
        {
            await auditor.RecordAsync(context, operation, [entity.RowKey], AuditOutcomes.OutOfScope);
            return null;
        }

        if (auditRead)
        {
            await auditor.RecordAsync(context, operation, [entity.RowKey], AuditOutcomes.Read);
        }

        return entity;
    }

    /// <summary>The seizure, if it exists and the caller may see it.</summary>
    public async Task<StoredSeizure?> SeizureInScopeAsync(Caller caller, string seizureId, CancellationToken cancellationToken)
    {
        if (!SeizureId.TryParse(seizureId, out var id) || await seizures.GetAsync(id.Value, cancellationToken) is not { } seizure)
        {
            return null;
        }

        return ReadsEveryone(caller) || (WorksForAnOffice(caller) && caller.CoversOffice(seizure.Entity.Office)) ? seizure : null;
    }
}
