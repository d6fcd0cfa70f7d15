namespace Nightshift.Server.Oee;

/// <summary>How an OEE report splits its range into groups (besides the total).</summary>
public enum OeeGrouping
{
    /// <summary>The total only.</summary>
    None,

    /// <summary>One group per shift occurrence of the site's calendar (key <c>yyyy-MM-dd/shift</c>, the local day it starts).</summary>
    Shift,

    /// <summary>One group per local day of the site (key <c>yyyy-MM-dd</c>).</summary>
    Day,

    /// <summary>One group per production order that ran in the range (key: the order number), over its line's equipment.</summary>
    Order,

    /// <summary>One group per equipment (key: its asset path).</summary>
    Equipment,
}
