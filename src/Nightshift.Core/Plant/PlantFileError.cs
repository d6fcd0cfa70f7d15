using System.Globalization;
using System.Text;

namespace Nightshift.Core.Plant;

/// <summary>
/// One problem found in a plant file: where it is (file name, 1-based line and column; 0 when the problem is with
/// the file as a whole, e.g. it cannot be read) and which field it concerns, as a path from the document root
/// such as <c>sites[0].areas[1].lines[0].equipment[2].type</c> (empty for YAML syntax errors).
/// Immutable and thread-safe.
/// </summary>
/// <param name="File">The file name as given to the loader.</param>
/// <param name="Line">The 1-based line, or 0 when the error concerns the whole file.</param>
/// <param name="Column">The 1-based column, or 0 when the error concerns the whole file.</param>
/// <param name="Field">The path of the field, e.g. <c>types.Press.tags.power.min</c>; empty when there is none.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record PlantFileError(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>The error as compilers print them: <c>plants/x.yaml:12:9: sites[0].areas[1].type: unknown type 'Prss' (known: Press)</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(File.Length + Field.Length + Message.Length + 16);
        builder.Append(File);
        if (Line > 0)
        {
            builder.Append(':').Append(Line.ToString(CultureInfo.InvariantCulture));
            builder.Append(':').Append(Column.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(": ");
        if (Field.Length > 0)
        {
            builder.Append(Field).Append(": ");
        }

        return builder.Append(Message).ToString();
    }
}
