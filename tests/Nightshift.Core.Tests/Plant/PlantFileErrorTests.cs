using Nightshift.Core.Plant;

namespace Nightshift.Core.Tests.Plant;

public class PlantFileErrorTests
{
    [Fact]
    public void An_unknown_field_is_reported_at_its_key_with_the_fields_expected()
    {
        var yaml = Replace("    type: Press\n                    source: spBv1.0/VirtualPlant/press-line/press-1", "    tpye: Press\n                    source: spBv1.0/VirtualPlant/press-line/press-1");

        var errors = Errors(yaml);

        errors.ShouldContain(e => e.Field == "sites[0].areas[0].lines[0].cells[0].equipment[0].tpye"
            && e.Message == "unknown field 'tpye'; expected one of: id, name, type, source, attributes"
            && e.Line == LineOf(yaml, "tpye: Press") && e.Column == ColumnOf(yaml, "tpye: Press"));
        errors.ShouldContain(e => e.Field == "sites[0].areas[0].lines[0].cells[0].equipment[0].type" && e.Message == "missing required field 'type'");
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_field_and_what_was_found()
    {
        var yaml = Replace("min: 0, max: 900, key: true", "min: abc, max: 900, key: yes");

        var errors = Errors(yaml);

        errors.Count.ShouldBe(2);
        errors[0].ShouldBe(new PlantFileError(SamplePlantFiles.FileName, LineOf(yaml, "min: abc"), ColumnOf(yaml, "abc"), "types.Press.tags.power.min", "expected a number, found 'abc'"));
        errors[1].Field.ShouldBe("types.Press.tags.power.key");
        errors[1].Message.ShouldBe("expected true or false, found 'yes'");
    }

    [Fact]
    public void A_collection_where_text_is_expected_is_an_error_not_a_crash()
    {
        var yaml = Replace("name: Stuttgart body plant", "name: [a, b]");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe("sites[0].name");
        error.Message.ShouldBe("expected text, found a list");
    }

    [Fact]
    public void Missing_required_fields_are_reported_at_their_mapping()
    {
        var yaml = Replace("\n    timeZone: America/Chicago", string.Empty)
            .Replace("running:    { type: bool }", "running:    { unit: \"1\" }", StringComparison.Ordinal)
            .Replace("      - id: line-meter\n", "      - name: Line meter\n", StringComparison.Ordinal);

        var errors = Errors(yaml);

        errors.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("types.Press.tags.running.type", "missing required field 'type'"),
            ("sites[0].areas[0].lines[0].equipment[0].id", "missing required field 'id'"),
            ("sites[1].timeZone", "missing required field 'timeZone'"),
        ]);
        errors[0].Line.ShouldBe(LineOf(yaml, "running:"));
        errors[0].Column.ShouldBe(ColumnOf(yaml, "{ unit: \"1\" }"));
        errors[1].Line.ShouldBe(LineOf(yaml, "name: Line meter"));
        errors[2].Line.ShouldBe(LineOf(yaml, "id: austin"));
    }

    [Fact]
    public void An_empty_required_value_is_reported_at_the_value()
    {
        var yaml = Replace("timeZone: America/Chicago", "timeZone:");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe("sites[1].timeZone");
        error.Message.ShouldBe("required field 'timeZone' has no value");
        error.Line.ShouldBe(LineOf(yaml, "id: austin") + 1);
    }

    [Fact]
    public void Duplicate_ids_among_siblings_are_reported_at_the_second_with_the_line_of_the_first()
    {
        var yaml = Replace("- id: press-2", "- id: press-1").Replace("- id: line-meter", "- id: presses", StringComparison.Ordinal);

        var errors = Errors(yaml);

        errors.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("sites[0].areas[0].lines[0].cells[0].equipment[1].id", $"duplicate id 'press-1' (first used at line {LineOf(yaml, "- id: press-1")})"),
            ("sites[0].areas[0].lines[0].equipment[0].id", $"duplicate id 'presses' (first used at line {LineOf(yaml, "- id: presses")})"),
        ]);
        errors[0].Line.ShouldBe(LineOf(yaml, "- id: press-1", occurrence: 2));
    }

    [Fact]
    public void The_same_id_under_different_parents_is_allowed()
    {
        var yaml = Replace("- id: line-meter", "- id: press-1");

        PlantFileLoader.Load(SamplePlantFiles.FileName, yaml, "x").Equipment.Count().ShouldBe(3);
    }

    [Fact]
    public void A_duplicate_source_names_the_equipment_that_has_it()
    {
        var yaml = Replace("source: spBv1.0/VirtualPlant/press-line/meter", "source: spBv1.0/VirtualPlant/press-line/press-1");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe("sites[0].areas[0].lines[0].equipment[0].source");
        error.Line.ShouldBe(LineOf(yaml, "source: spBv1.0/VirtualPlant/press-line/press-1", occurrence: 2));
        error.Message.ShouldBe($"duplicate source 'spBv1.0/VirtualPlant/press-line/press-1' (already bound to stuttgart/press-shop/press-line/presses/press-1 at line {LineOf(yaml, "source: spBv1.0/VirtualPlant/press-line/press-1")})");
    }

    [Fact]
    public void An_unknown_type_lists_the_known_ones()
    {
        var yaml = Replace("  type: Meter", "  type: Prss");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.ToString().ShouldBe($"plants/test.yaml:{LineOf(yaml, "type: Prss")}:{ColumnOf(yaml, "Prss")}: sites[0].areas[0].lines[0].equipment[0].type: unknown type 'Prss' (known: Press, Meter)");
    }

    [Fact]
    public void An_unknown_attribute_of_the_type_is_reported()
    {
        var yaml = Replace("vendor: Schuler", "colour: blue");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe("sites[0].areas[0].lines[0].cells[0].equipment[0].attributes.colour");
        error.Message.ShouldBe("unknown attribute 'colour' (attributes of type 'Press': tonnage, vendor)");
    }

    [Fact]
    public void An_unknown_time_zone_is_reported()
    {
        var yaml = Replace("timeZone: Europe/Berlin", "timeZone: Europe/Berln");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe("sites[0].timeZone");
        error.Line.ShouldBe(LineOf(yaml, "Europe/Berln"));
        error.Message.ShouldStartWith("unknown time zone 'Europe/Berln'");
    }

    [Theory]
    [InlineData("press 1", "invalid id 'press 1': segment 'press 1' contains ' '")]
    [InlineData("press.1", "invalid id 'press.1': segment 'press.1' contains '.'")]
    [InlineData("\"\"", "invalid id '': a segment must be 1 to 64 characters long, not 0")]
    public void An_id_that_is_no_valid_path_segment_is_reported(string id, string message)
    {
        var yaml = Replace("- id: press-2", "- id: " + id);

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe("sites[0].areas[0].lines[0].cells[0].equipment[1].id");
        error.Message.ShouldStartWith(message);
    }

    [Fact]
    public void Tag_rules_are_checked()
    {
        var yaml = Replace("min: 0, max: 900, key: true, deadband: 0.5", "min: 10, max: 5, key: true, deadband: -1")
            .Replace("{ type: long,", "{ type: int64,", StringComparison.Ordinal)
            .Replace("running:    { type: bool }", "running:    { type: bool, max: 1 }", StringComparison.Ordinal)
            .Replace("stateModel: utility", "stateModel: meter", StringComparison.Ordinal);

        var errors = Errors(yaml);

        errors.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("types.Press.tags.power.max", "max (5) is below min (10)"),
            ("types.Press.tags.power.deadband", "deadband must not be negative"),
            ("types.Press.tags.goodCount.type", "unknown tag type 'int64'; expected one of: double, long, bool, string"),
            ("types.Press.tags.running.max", "max applies only to double and long tags, not to a bool tag"),
            ("types.Meter.stateModel", "unknown state model 'meter'; expected one of: machine, utility"),
        ]);
    }

    [Fact]
    public void A_yaml_syntax_error_carries_the_parsers_line_and_column()
    {
        var yaml = Replace("tenant: demo", "tenant: demo: x");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.ShouldBe(new PlantFileError(SamplePlantFiles.FileName, 2, 13, string.Empty, "While scanning a plain scalar value, found invalid mapping."));
        error.ToString().ShouldBe("plants/test.yaml:2:13: While scanning a plain scalar value, found invalid mapping.");
    }

    [Fact]
    public void A_parser_fault_on_malformed_yaml_is_reported_where_parsing_stopped()
    {
        var yaml = Replace("tonnage: { unit: t, default: \"2500\" }", "tonnage: { unit: t, default: \"2500\" ");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBeEmpty();
        error.Line.ShouldBe(LineOf(yaml, "tonnage:"));
        error.Message.ShouldStartWith("malformed YAML after this point");
    }

    [Fact]
    public void A_duplicate_key_is_a_yaml_error_at_the_second_key()
    {
        var yaml = Replace("    description: Servo press\n", "    description: Servo press\n    description: Again\n");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Line.ShouldBe(LineOf(yaml, "description: Again"));
        error.Message.ShouldContain("Duplicate key");
    }

    [Fact]
    public void A_key_repeated_with_a_tag_that_yaml_lets_through_is_reported()
    {
        var yaml = Replace("    description: Servo press\n", "    description: Servo press\n    !!str description: Again\n")
            .Replace("running:    { type: bool }", "running:    { type: bool }\n      !!str running: { type: long }", StringComparison.Ordinal)
            .Replace("  Meter:\n", "  !!str Press: {}\n  Meter:\n", StringComparison.Ordinal)
            .Replace("vendor: Schuler", "vendor: Schuler, !!str vendor: Krupp", StringComparison.Ordinal);

        var errors = Errors(yaml);

        errors.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("types.Press.description", "field 'description' is given twice"),
            ("types.Press.tags.running", "'running' is given twice"),
            ("types.Press", "'Press' is given twice"),
            ("sites[0].areas[0].lines[0].cells[0].equipment[0].attributes.vendor", "'vendor' is given twice"),
        ]);
    }

    [Theory]
    [InlineData("", 1, "the file is empty; expected a mapping with the fields tenant, types and sites")]
    [InlineData("# nothing but a comment\n", 1, "the file is empty; expected a mapping with the fields tenant, types and sites")]
    [InlineData("- a\n- b\n", 1, "expected a plant file mapping, found a list")]
    [InlineData("just text\n", 1, "expected a plant file mapping, found 'just text'")]
    [InlineData("tenant: a\ntypes: {}\nsites: []\n---\ntenant: b\n", 5, "a plant file holds one YAML document; a second one starts here")]
    [InlineData("tenant: a b\ntypes: {}\nsites: []\n", 1, "invalid tenant 'a b': segment 'a b' contains ' '; only letters, digits, '-' and '_' are allowed")]
    [InlineData("types: []\nsites: {}\n", 1, "expected a mapping of type names to types, found a list")]
    public void A_file_of_the_wrong_shape_is_reported(string yaml, int line, string message)
    {
        var errors = Errors(yaml);

        errors[0].Line.ShouldBe(line);
        errors[0].Message.ShouldBe(message);
    }

    [Fact]
    public void Nesting_too_deep_for_the_stack_is_an_error_not_a_crash()
    {
        var yaml = "tenant: " + new string('[', 300_000) + new string(']', 300_000) + "\n";

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Message.ShouldBe("nesting is deeper than 64 levels");
    }

    [Fact]
    public void Cyclic_and_repeated_aliases_end_in_errors_rather_than_a_hang()
    {
        const string Yaml = """
            types: {}
            sites: &sites
              - id: s
                timeZone: UTC
                areas: *sites
            """;

        var errors = Errors(Yaml);

        errors.ShouldContain(e => e.Field == "sites[0].areas[0].timeZone" && e.Message.StartsWith("unknown field", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Field == "sites[0].areas[0].areas" && e.Message.StartsWith("unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void An_alias_multiplied_hierarchy_stops_at_the_asset_limit_and_caps_the_errors()
    {
        static string Repeat(string alias, int indent) => string.Concat(Enumerable.Repeat(new string(' ', indent) + "- *" + alias + "\n", 49));
        var yaml = "types: { T: {} }\nsites:\n  - id: s\n    timeZone: UTC\n    areas:\n      - &area\n        id: a\n        lines:\n"
            + "          - &line\n            id: l\n            cells:\n              - &cell\n                id: c\n                equipment:\n"
            + "                  - &eq { id: e, type: T }\n" + Repeat("eq", 18) + Repeat("cell", 14) + Repeat("line", 10) + Repeat("area", 6);

        var errors = Errors(yaml);

        errors.Count.ShouldBe(500 + 2);
        errors.ShouldContain(e => e.Message.StartsWith("duplicate id 'e'", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Message == "the plant has more than 100000 sites, areas, lines, cells and equipment; the rest was not read");
        errors[^1].Message.ShouldEndWith("more errors not shown");
    }

    [Fact]
    public void Several_errors_are_reported_together_in_file_order_and_the_message_lists_them_all()
    {
        var yaml = Replace("  type: Meter", "  type: Prss")
            .Replace("timeZone: Europe/Berlin", "timeZone: Mars/Olympus", StringComparison.Ordinal)
            .Replace("min: 0,", "min: zero,", StringComparison.Ordinal)
            .Replace("- id: press-2", "- id: press-1", StringComparison.Ordinal);

        var exception = Should.Throw<PlantFileException>(() => PlantFileLoader.Load(SamplePlantFiles.FileName, yaml, "x"));

        exception.Errors.Select(e => e.Field).ShouldBe(
        [
            "types.Press.tags.power.min",
            "sites[0].timeZone",
            "sites[0].areas[0].lines[0].cells[0].equipment[1].id",
            "sites[0].areas[0].lines[0].equipment[0].type",
        ]);
        exception.Errors.Select(e => e.Line).ShouldBeInOrder();
        var lines = exception.Message.Split('\n');
        lines[0].ShouldBe("plants/test.yaml: 4 errors");
        lines.Skip(1).ShouldBe(exception.Errors.Select(e => "  " + e));
    }

    private static string Replace(string oldValue, string newValue)
    {
        SamplePlantFiles.Valid.ShouldContain(oldValue);
        return SamplePlantFiles.Valid.Replace(oldValue, newValue, StringComparison.Ordinal);
    }

    private static IReadOnlyList<PlantFileError> Errors(string yaml)
    {
        var exception = Should.Throw<PlantFileException>(() => PlantFileLoader.Load(SamplePlantFiles.FileName, yaml, "x"));
        exception.Errors.ShouldNotBeEmpty();
        exception.Errors.ShouldAllBe(e => e.File == SamplePlantFiles.FileName);
        return exception.Errors;
    }

    /// <summary>The 1-based line of the <paramref name="occurrence"/>-th appearance of <paramref name="text"/>.</summary>
    private static int LineOf(string yaml, string text, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = yaml.IndexOf(text, index + 1, StringComparison.Ordinal);
            index.ShouldBeGreaterThanOrEqualTo(0);
        }

        return yaml.AsSpan(0, index).Count('\n') + 1;
    }

    /// <summary>The 1-based column of the first appearance of <paramref name="text"/>.</summary>
    private static int ColumnOf(string yaml, string text)
    {
        var index = yaml.IndexOf(text, StringComparison.Ordinal);
        index.ShouldBeGreaterThanOrEqualTo(0);
        return index - yaml.LastIndexOf('\n', Math.Max(index - 1, 0));
    }
}
