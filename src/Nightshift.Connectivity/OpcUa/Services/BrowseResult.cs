using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// The references of one browsed node (Part 4, 7.6); a non-empty <see cref="ContinuationPoint"/> means more follow
/// (BrowseNext). Immutable and thread-safe.
/// </summary>
public sealed record BrowseResult(StatusCode Status, ReadOnlyMemory<byte> ContinuationPoint, IReadOnlyList<ReferenceDescription> References)
{
    internal static BrowseResult Read(ref OpcUaBinaryReader reader) => new(
        reader.ReadStatusCode(), reader.ReadByteString() ?? [], reader.ReadArray(ReferenceDescription.Read) ?? []);
}
