using Nightshift.Core.Assets;
using Nightshift.Core.Plant;
using Nightshift.Core.Series;
using Nightshift.Historian.Retention;
using Nightshift.Server.Ingest;
using Nightshift.Server.Storage;

namespace Nightshift.Server.Tests.Ingest;

public sealed class RetentionClassDictionaryTests
{
    private const string Plant = """
        tenant: acme
        types:
          Meter:
            stateModel: utility
            tags:
              power:  { type: double, class: fast }
              energy: { type: double, class: billing }
              flow:   { type: double, class: process }
              other:  { type: double }
        sites:
          - id: lab
            timeZone: UTC
            areas:
              - id: utilities
                lines:
                  - id: meters
                    equipment:
                      - { id: grid, type: Meter }
        retention:
          fast:    { rawDays: 3, rollupDays: 30 }
          billing: { rollupDays: 3650 }
        """;

    private static SeriesInfo Series(string tenant, string tag) => new(new SeriesId(1), tenant, TagPath.Parse("lab/utilities/meters/grid." + tag));

    [Fact]
    public void A_tenants_own_classes_override_the_built_in_ones_for_that_tenant_only()
    {
        var catalog = new PlantCatalog();
        catalog.SetPlant(PlantFileLoader.Load("plants/acme.yaml", Plant, "acme"));
        var classes = new RetentionClassDictionary(catalog);
        var options = new RetentionOptions { Classes = classes };

        classes.ClassOf(Series("acme", "power")).ShouldBe("acme/fast");
        options.PolicyFor(classes.ClassOf(Series("acme", "power"))).ShouldBe(new RetentionPolicy(TimeSpan.FromDays(3), TimeSpan.FromDays(30)));
        options.PolicyFor(classes.ClassOf(Series("acme", "energy"))).ShouldBe(new RetentionPolicy(null, TimeSpan.FromDays(3650)));
        classes.ClassOf(Series("acme", "flow")).ShouldBe("process");
        options.PolicyFor("process").ShouldBe(RetentionOptions.BuiltInClasses["process"]);
        options.PolicyFor(classes.ClassOf(Series("acme", "other"))).ShouldBe(RetentionPolicy.Forever);
        options.PolicyFor("fast").ShouldBe(RetentionOptions.BuiltInClasses["fast"], "other tenants keep the built-in class");
        classes.Keys.ShouldBe(["fast", "process", "energy", "acme/fast", "acme/billing"], ignoreOrder: true);
    }
}
