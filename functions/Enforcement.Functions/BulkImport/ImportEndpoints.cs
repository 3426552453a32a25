using Enforcement.Functions.Audit;
using Enforcement.Functions.Http;
using Enforcement.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Enforcement.Functions.BulkImport;

/// <summary>
/// Import jobs over HTTP: create one (a write-only upload URL comes back), upload the file straight to Blob storage,
/// report the upload, start it (or dry-run it), watch its progress, cancel it, download its results. Jobs are
/// visible to whoever created them and to admins; to anyone else they do not exist.
/// </summary>
internal static class ImportEndpoints
{
    public static RouteGroupBuilder MapImports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(Policies.RunImports);
        group.MapPost("/", CreateImportJob).WithName(nameof(CreateImportJob)).Accepts<CreateImportRequest>("application/json")
            .WithSummary("Create an import job (CSV, JSON Lines or CEN-template .xlsx) and get its upload URL");
        group.MapGet("/{id}", GetImportJob).WithName(nameof(GetImportJob)).WithSummary("Read an import job: state and progress");
        group.MapPost("/{id}/uploaded", CompleteImportUpload).WithName(nameof(CompleteImportUpload))
            .WithSummary("Report the file uploaded: its size and SHA-256 are recorded");
        group.MapPost("/{id}/start", StartImportJob).WithName(nameof(StartImportJob)).Accepts<StartImportRequest>("application/json")
            .WithSummary("Start the import, or a dry run that validates every row and writes nothing");
        group.MapPost("/{id}/cancel", CancelImportJob).WithName(nameof(CancelImportJob)).WithSummary("Cancel an import job");
        group.MapGet("/{id}/failed-rows.csv", GetImportFailedRows).WithName(nameof(GetImportFailedRows)).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The failed rows of the job's latest run: row, legacy case number, error code, field path, message");
        group.MapGet("/{id}/created-ids.csv", GetImportCreatedIds).WithName(nameof(GetImportCreatedIds)).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The records the job's latest run created (a dry run: would create), by row");
        return group;
    }

    public static async Task<Results<Created<ImportJob>, ValidationProblem, ProblemHttpResult>> CreateImportJob(
        HttpContext context, ImportJobStore jobs, Auditor auditor, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        if (!JsonBody.HasJsonContentType(context.Request, "application/json"))
        {
            return Problems.UnsupportedMediaType("application/json");
        }

        var request = await JsonBody.ReadAsync<CreateImportRequest>(context.Request, cancellationToken);
        if (!request.Succeeded)
        {
            return Problems.Invalid(request.Errors);
        }

        var format = request.Value!.Format?.Trim().ToLowerInvariant();
        if (format is null || !ImportFormats.All.Contains(format))
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["format"] = [$"Must be one of {string.Join(", ", ImportFormats.All)}."] });
        }

        var caller = context.Caller();
        var (job, url) = await jobs.CreateAsync(format, caller.Subject, caller.IsInRole(Roles.Admin) ? null : caller.Office, cancellationToken);
        await auditor.RecordAsync(context, "import.create", [job.PartitionKey], AuditOutcomes.Authorized);
        return TypedResults.Created(context.PathTo(nameof(GetImportJob), new { id = job.PartitionKey }), ToContract(context, job, options.Value, url));
    }

    public static async Task<Results<Ok<ImportJob>, ProblemHttpResult>> GetImportJob(
        string id, HttpContext context, ImportJobStore jobs, IOptions<ImportOptions> options, CancellationToken cancellationToken) =>
        await VisibleAsync(id, context, jobs, cancellationToken) is { } job
            ? TypedResults.Ok(ToContract(context, job, options.Value))
            : Problems.NotFound("import job");

    public static async Task<Results<Ok<ImportJob>, ProblemHttpResult>> CompleteImportUpload(
        string id, HttpContext context, ImportJobStore jobs, Auditor auditor, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, context, jobs, cancellationToken) is not { } job)
        {
            return Problems.NotFound("import job");
        }

        if (job.State == ImportStates.Uploaded)
        {
            return TypedResults.Ok(ToContract(context, job, options.Value));
        }

        if (job.State != ImportStates.Open)
        {
            return Conflict($"The job is {job.State}; its file can no longer change.");
        }

        var upload = await jobs.InspectUploadAsync(job.PartitionKey, cancellationToken);
        if (upload is null)
        {
            return Conflict("Nothing uploaded yet: upload the file to uploadUrl (Put Blob, or Put Block and Put Block List), then report it.");
        }

        if (upload.Value.Bytes > options.Value.MaxBytes)
        {
            await jobs.Upload(job.PartitionKey).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"An import file may be at most {options.Value.MaxBytes} bytes; split it into several jobs.");
        }

        job.State = ImportStates.Uploaded;
        job.FileBytes = upload.Value.Bytes;
        job.FileSha256 = upload.Value.Sha256;
        if (!await jobs.TryUpdateAsync(job, cancellationToken))
        {
            return Conflict("The job changed meanwhile; read it again.");
        }

        await auditor.RecordAsync(context, "import.upload", [job.PartitionKey], AuditOutcomes.Authorized);
        return TypedResults.Ok(ToContract(context, job, options.Value));
    }

    public static async Task<Results<Accepted<ImportJob>, ValidationProblem, ProblemHttpResult>> StartImportJob(
        string id, HttpContext context, ImportJobStore jobs, Auditor auditor, IOptions<ImportOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var dryRun = false;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            if (!JsonBody.HasJsonContentType(context.Request, "application/json"))
            {
                return Problems.UnsupportedMediaType("application/json, or no body");
            }

            var request = await JsonBody.ReadAsync<StartImportRequest>(context.Request, cancellationToken);
            if (!request.Succeeded)
            {
                return Problems.Invalid(request.Errors);
            }

            dryRun = request.Value!.DryRun ?? false;
        }

        if (await VisibleAsync(id, context, jobs, cancellationToken) is not { } job)
        {
            return Problems.NotFound("import job");
        }

        // A finished dry run may be followed by the real import of the same file; nothing else starts twice.
        if (!(job.State == ImportStates.Uploaded || (job.State == ImportStates.Completed && job.DryRun && !dryRun)))
        {
            return Conflict(job.State == ImportStates.Open
                ? "Upload the file and report it (POST .../uploaded) first."
                : $"The job is {job.State}{(job.DryRun ? " (dry run)" : string.Empty)}; it cannot be started again.");
        }

        job.State = ImportStates.InProgress;
        job.DryRun = dryRun;
        job.StartedAt = time.GetUtcNow();
        job.FinishedAt = null;
        (job.NextRow, job.RowsRead, job.Imported, job.Skipped, job.Failed, job.Attempts) = (0, 0, 0, 0, 0, 0);
        if (!await jobs.TryUpdateAsync(job, cancellationToken))
        {
            return Conflict("The job changed meanwhile; read it again.");
        }

        await auditor.RecordAsync(context, dryRun ? "import.dry-run" : "import.start", [job.PartitionKey], AuditOutcomes.Authorized);
        await jobs.EnqueueAsync(job.PartitionKey, cancellationToken);
        return TypedResults.Accepted(context.PathTo(nameof(GetImportJob), new { id = job.PartitionKey }), ToContract(context, job, options.Value));
    }

    public static async Task<Results<Ok<ImportJob>, ProblemHttpResult>> CancelImportJob(
        string id, HttpContext context, ImportJobStore jobs, Auditor auditor, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await VisibleAsync(id, context, jobs, cancellationToken) is not { } job)
            {
                return Problems.NotFound("import job");
            }

            if (ImportStates.IsFinal(job.State))
            {
                return job.State == ImportStates.Aborted ? TypedResults.Ok(ToContract(context, job, options.Value)) : Conflict($"The job is already {job.State}.");
            }

            // A job not running stops at once; a running one stops after its current chunk (the worker sees the flag).
            job.CancelRequested = true;
            if (job.State != ImportStates.InProgress)
            {
                job.State = ImportStates.Aborted;
                job.FinishedAt = DateTimeOffset.UtcNow;
            }

            if (await jobs.TryUpdateAsync(job, cancellationToken))
            {
                await auditor.RecordAsync(context, "import.cancel", [job.PartitionKey], AuditOutcomes.Authorized);
                return TypedResults.Ok(ToContract(context, job, options.Value));
            }
        }

        return Conflict("The job is changing too fast to cancel; try again.");
    }

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> GetImportFailedRows(
        string id, HttpContext context, ImportJobStore jobs, CancellationToken cancellationToken) => ResultFileAsync(id, "failed", context, jobs, cancellationToken);

    public static Task<Results<PushStreamHttpResult, ProblemHttpResult>> GetImportCreatedIds(
        string id, HttpContext context, ImportJobStore jobs, CancellationToken cancellationToken) => ResultFileAsync(id, "created", context, jobs, cancellationToken);

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ResultFileAsync(
        string id, string kind, HttpContext context, ImportJobStore jobs, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, context, jobs, cancellationToken) is not { } job)
        {
            return Problems.NotFound("import job");
        }

        if (job.StartedAt is null)
        {
            return Conflict("The job has not run yet.");
        }

        var fileName = $"{job.PartitionKey}-{ImportJobStore.RunOf(job)}-{kind}.csv";
        return TypedResults.Stream(stream => jobs.WriteResultFileAsync(job, kind, stream, cancellationToken), "text/csv; charset=utf-8", fileName);
    }

    private static async Task<ImportJobEntity?> VisibleAsync(string id, HttpContext context, ImportJobStore jobs, CancellationToken cancellationToken)
    {
        if (!IsJobId(id) || await jobs.GetAsync(id, cancellationToken) is not { } job)
        {
            return null;
        }

        var caller = context.Caller();
        return job.CreatedBy == caller.Subject || caller.IsInRole(Roles.Admin) ? job : null;
    }

    private static readonly System.Buffers.SearchValues<char> KeyCharacters = System.Buffers.SearchValues.Create(Storage.TimeOrderedKey.Alphabet);

    private static bool IsJobId(string id) =>
        id.Length == 3 + Storage.TimeOrderedKey.Length && id.StartsWith("IM-", StringComparison.Ordinal)
        && id.AsSpan(3).IndexOfAnyExcept(KeyCharacters) < 0;

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Import job not in the right state", detail: detail);

    private static ImportJob ToContract(HttpContext context, ImportJobEntity job, ImportOptions options, Uri? uploadUrl = null) => new(
        job.PartitionKey,
        job.Format,
        job.State,
        job.DryRun,
        job.CreatedAt,
        job.UpdatedAt,
        job.FinishedAt,
        options.MaxBytes,
        uploadUrl,
        job.UploadExpiresAt,
        job.FileSha256,
        job.FileBytes,
        new ImportProgress(job.RowsRead, job.Imported, job.Skipped, job.Failed),
        job.CancelRequested,
        job.Error,
        context.PathTo(nameof(GetImportFailedRows), new { id = job.PartitionKey }),
        context.PathTo(nameof(GetImportCreatedIds), new { id = job.PartitionKey }));
}
