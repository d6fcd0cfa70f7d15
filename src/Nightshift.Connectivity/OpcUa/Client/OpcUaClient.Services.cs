using Nightshift.Core.Assets;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>Read, Write, Browse and the import of the address space.</summary>
public sealed partial class OpcUaClient
{
    /// <summary>Reads attributes (in batches within the server's limit); one data value per node, in order. A bad node gives a bad status, not an exception.</summary>
    /// <exception cref="OpcUaServiceException">The request failed as a whole.</exception>
    public async Task<IReadOnlyList<DataValue>> ReadAsync(IReadOnlyList<ReadValueId> nodes, TimestampsToReturn timestamps = TimestampsToReturn.Both, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var results = new List<DataValue>(nodes.Count);
        var batch = BatchSize(ServerLimits.MaxNodesPerRead);
        for (var start = 0; start < nodes.Count; start += batch)
        {
            var chunk = nodes.Skip(start).Take(batch).ToList();
            var values = await CallAsync(
                (w, c) => AttributeCodec.WriteReadRequest(w, c, 0, timestamps, chunk),
                body => AttributeCodec.ReadReadResponse(body, _options.EncodingLimits),
                cancellationToken).ConfigureAwait(false);
            if (values.Length != chunk.Count)
            {
                throw new OpcUaFormatException($"Read answered {values.Length} values for {chunk.Count} nodes.");
            }

            results.AddRange(values);
        }

        return results;
    }

    /// <summary>Reads the value of one node.</summary>
    public async Task<DataValue> ReadValueAsync(NodeId nodeId, CancellationToken cancellationToken = default) =>
        (await ReadAsync([new ReadValueId(nodeId)], TimestampsToReturn.Both, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Writes attributes (in batches within the server's limit); one status per value, in order.</summary>
    /// <exception cref="OpcUaServiceException">The request failed as a whole.</exception>
    public async Task<IReadOnlyList<StatusCode>> WriteAsync(IReadOnlyList<WriteValue> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var results = new List<StatusCode>(values.Count);
        var batch = BatchSize(ServerLimits.MaxNodesPerWrite);
        for (var start = 0; start < values.Count; start += batch)
        {
            var chunk = values.Skip(start).Take(batch).ToList();
            var statuses = await CallAsync(
                (w, c) => AttributeCodec.WriteWriteRequest(w, c, chunk),
                body => AttributeCodec.ReadWriteResponse(body, _options.EncodingLimits),
                cancellationToken).ConfigureAwait(false);
            results.AddRange(statuses);
        }

        return results;
    }

    /// <summary>Writes the value of one node; returns the server's status (e.g. BadNotWritable, BadTypeMismatch).</summary>
    public async Task<StatusCode> WriteValueAsync(NodeId nodeId, Variant value, CancellationToken cancellationToken = default) =>
        (await WriteAsync([new WriteValue(nodeId, new DataValue(value))], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Browses nodes (in batches within the server's limit) and follows continuation points with BrowseNext, so each
    /// result holds all references of its node.
    /// </summary>
    /// <exception cref="OpcUaServiceException">The request failed as a whole.</exception>
    public async Task<IReadOnlyList<BrowseResult>> BrowseAsync(IReadOnlyList<BrowseDescription> nodes, uint maxReferencesPerNode = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var results = new List<BrowseResult>(nodes.Count);
        var batch = BatchSize(ServerLimits.MaxNodesPerBrowse);
        for (var start = 0; start < nodes.Count; start += batch)
        {
            var chunk = nodes.Skip(start).Take(batch).ToList();
            var first = await CallAsync(
                (w, c) => ViewCodec.WriteBrowseRequest(w, c, maxReferencesPerNode, chunk),
                body => ViewCodec.ReadBrowseResponse(body, _options.EncodingLimits),
                cancellationToken).ConfigureAwait(false);
            foreach (var result in first)
            {
                results.Add(await BrowseRestAsync(result, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    /// <summary>The hierarchical references of one node (forward).</summary>
    public async Task<IReadOnlyList<ReferenceDescription>> BrowseAsync(NodeId nodeId, CancellationToken cancellationToken = default)
    {
        var result = (await BrowseAsync([new BrowseDescription(nodeId)], 0, cancellationToken).ConfigureAwait(false))[0];
        if (result.Status.IsBad)
        {
            throw new OpcUaServiceException(result.Status, $"Browsing {nodeId} failed");
        }

        return result.References;
    }

    /// <summary>
    /// Browses the address space from <see cref="OpcUaImportOptions.Root"/> along hierarchical references and returns its
    /// objects and variables as a tree, with each variable's data type (read in batches). Variables' own children
    /// (properties) are not imported.
    /// </summary>
    public async Task<OpcUaImportedObject> ImportAddressSpaceAsync(OpcUaImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OpcUaImportOptions();
        var visited = new HashSet<NodeId> { options.Root };
        var root = new ImportNode(options.Root, string.Empty, string.Empty, string.Empty);
        var level = new List<ImportNode> { root };
        var variables = new List<(ImportNode Parent, ReferenceDescription Reference, string Path)>();
        for (var depth = 0; depth <= options.MaxDepth && level.Count > 0 && visited.Count < options.MaxNodes; depth++)
        {
            var descriptions = level.Select(n => new BrowseDescription(n.NodeId) { NodeClassMask = NodeClass.Object | NodeClass.Variable }).ToList();
            var results = await BrowseAsync(descriptions, 0, cancellationToken).ConfigureAwait(false);
            var next = new List<ImportNode>();
            for (var i = 0; i < level.Count; i++)
            {
                var parent = level[i];
                foreach (var reference in results[i].References)
                {
                    if (!reference.NodeId.IsLocal || !visited.Add(reference.NodeId.NodeId) || visited.Count > options.MaxNodes
                        || (options.SkipServerObject && reference.NodeId.NodeId == ReferenceTypeIds.Server))
                    {
                        continue;
                    }

                    var name = reference.BrowseName.Name ?? reference.NodeId.NodeId.ToString();
                    var path = parent.Path.Length == 0 ? name : parent.Path + "/" + name;
                    if (reference.NodeClass == NodeClass.Variable)
                    {
                        variables.Add((parent, reference, path));
                    }
                    else if (reference.NodeClass == NodeClass.Object)
                    {
                        var child = new ImportNode(reference.NodeId.NodeId, path, name, reference.DisplayName.Text ?? name);
                        parent.Children.Add(child);
                        next.Add(child);
                    }
                }
            }

            level = next;
        }

        var reads = variables.SelectMany(v => new[] { new ReadValueId(v.Reference.NodeId.NodeId, AttributeId.DataType), new ReadValueId(v.Reference.NodeId.NodeId, AttributeId.ValueRank) }).ToList();
        var values = await ReadAsync(reads, TimestampsToReturn.Neither, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < variables.Count; i++)
        {
            var (parent, reference, path) = variables[i];
            var dataType = values[2 * i].Value.Value as NodeId ?? NodeId.Null;
            var rank = values[(2 * i) + 1].Value.Value is int r ? r : -1;
            var builtIn = ToBuiltInType(dataType);
            var name = reference.BrowseName.Name ?? path;
            parent.Variables.Add(new OpcUaImportedVariable(
                reference.NodeId.NodeId, path, name, reference.DisplayName.Text ?? name, dataType, builtIn, ToTagDataType(builtIn, rank), rank));
        }

        return root.Build();
    }

    /// <summary>The built-in type of a data type node: the built-in types themselves and their common subtypes; null for structures and unknown types.</summary>
    public static BuiltInType? ToBuiltInType(NodeId dataType)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        if (dataType.NamespaceIndex != 0 || dataType.IdType != NodeIdType.Numeric)
        {
            return null;
        }

        return dataType.Numeric switch
        {
            >= 1 and <= 25 => (BuiltInType)dataType.Numeric,
            26 or 290 => BuiltInType.Double,
            27 => BuiltInType.Int64,
            28 => BuiltInType.UInt64,
            29 => BuiltInType.Int32,
            289 => BuiltInType.UInt32,
            294 => BuiltInType.DateTime,
            295 => BuiltInType.String,
            _ => null,
        };
    }

    /// <summary>The Nightshift tag type of a value: Boolean as Bool, integers as Long, Float and Double as Double, everything else (and arrays) as String.</summary>
    public static TagDataType ToTagDataType(BuiltInType? type, int valueRank = -1) => valueRank >= 0 || valueRank == -3 ? TagDataType.String : type switch
    {
        BuiltInType.Boolean => TagDataType.Bool,
        BuiltInType.SByte or BuiltInType.Byte or BuiltInType.Int16 or BuiltInType.UInt16 or BuiltInType.Int32 or BuiltInType.UInt32
            or BuiltInType.Int64 or BuiltInType.UInt64 or BuiltInType.StatusCode => TagDataType.Long,
        BuiltInType.Float or BuiltInType.Double => TagDataType.Double,
        _ => TagDataType.String,
    };

    private async Task<BrowseResult> BrowseRestAsync(BrowseResult result, CancellationToken cancellationToken)
    {
        if (result.ContinuationPoint.IsEmpty || result.Status.IsBad)
        {
            return result;
        }

        var references = new List<ReferenceDescription>(result.References);
        var continuation = result.ContinuationPoint;
        while (!continuation.IsEmpty)
        {
            var point = continuation;
            var next = await CallAsync(
                (w, c) => ViewCodec.WriteBrowseNextRequest(w, c, false, [point]),
                body => ViewCodec.ReadBrowseNextResponse(body, _options.EncodingLimits),
                cancellationToken).ConfigureAwait(false);
            if (next.Length == 0 || next[0].Status.IsBad)
            {
                return new BrowseResult(next.Length == 0 ? StatusCode.BadUnexpectedError : next[0].Status, default, references);
            }

            references.AddRange(next[0].References);
            continuation = next[0].ContinuationPoint;
        }

        return new BrowseResult(result.Status, default, references);
    }

    private sealed class ImportNode(NodeId nodeId, string path, string name, string displayName)
    {
        public NodeId NodeId { get; } = nodeId;

        public string Path { get; } = path;

        public List<ImportNode> Children { get; } = [];

        public List<OpcUaImportedVariable> Variables { get; } = [];

        public OpcUaImportedObject Build() => new(NodeId, Path, name, displayName, [.. Children.Select(c => c.Build())], [.. Variables]);
    }
}
