namespace Nightshift.Twins.EdgeNodes;

/// <summary>The persisted state of an edge node twin.</summary>
[GenerateSerializer]
public sealed class EdgeNodeState
{
    [Id(0)]
    public EdgeNodeSession? Session { get; set; }

    [Id(1)]
    public long Births { get; set; }

    [Id(2)]
    public long Deaths { get; set; }
}
