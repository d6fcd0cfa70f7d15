namespace Nightshift.Core.Assets;

/// <summary>The level of an asset in the ISA-95 equipment hierarchy.</summary>
public enum AssetKind
{
    Site,
    Area,
    Line,
    Cell,
    Equipment,
}
