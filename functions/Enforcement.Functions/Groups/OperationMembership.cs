using Enforcement.Functions.Security;

namespace Enforcement.Functions.Groups;

/// <summary>Whether a caller may report a seizure into an operation: the group exists, the caller is a member, and
/// it is not frozen. Anything else is the same error, so the check does not reveal which groups exist.</summary>
internal sealed class OperationMembership(GroupStore groups, TimeProvider time)
{
    public async Task CheckAsync(Caller caller, string? operationId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (operationId is null)
        {
            return;
        }

        var group = await groups.GetAsync(operationId, cancellationToken);
        var keys = GroupStore.KeysOf(caller);
        if (group is null || group.IsFrozenAt(time.GetUtcNow())
            || !(await groups.MembersAsync(group.PartitionKey, cancellationToken)).Any(m => keys.Contains(m.Key, StringComparer.Ordinal)))
        {
            errors["operationId"] = ["Must be the id of an open operation group you are a member of."];
        }
    }
}
