namespace Enforcement.Functions.Photos;

internal static class PhotoMapping
{
    public static string PathOf(string seizureId, string photoId) => $"/api/seizures/{seizureId}/photos/{photoId}";

    /// <summary>GPS coordinates go to analysts only; everyone who sees the photo learns whether it has them.</summary>
    public static Photo ToPhoto(PhotoEntity entity, bool showCoordinates)
    {
        var self = PathOf(entity.PartitionKey, entity.RowKey);
        return new Photo
        {
            Id = entity.RowKey,
            SeizureId = entity.PartitionKey,
            Status = entity.Status,
            Sha256 = entity.Sha256,
            Size = entity.Size,
            ContentType = entity.ContentType,
            Width = entity.Width,
            Height = entity.Height,
            UploadedBy = entity.UploadedBy,
            UploadedAt = entity.UploadedAt,
            TakenAt = entity.TakenAt,
            Caption = entity.Caption,
            FailureReason = entity.FailureReason,
            Exif = entity.HasGps is null
                ? null
                : new PhotoExif(entity.CaptureTime, entity.CameraMake, entity.CameraModel, entity.HasGps.Value,
                    showCoordinates ? entity.GpsLatitude : null, showCoordinates ? entity.GpsLongitude : null),
            Withdrawal = entity.WithdrawalReason is null || entity.WithdrawnBy is null || entity.WithdrawnAt is null
                ? null
                : new PhotoWithdrawal(entity.WithdrawalReason, entity.WithdrawnBy, entity.WithdrawnAt.Value),
            Links = new PhotoLinks(self, $"{self}/content?variant=original", $"{self}/content?variant=sanitized", $"{self}/content?variant=thumbnail"),
        };
    }
}
