using System.Text;
using Nightshift.Core.Plant;

namespace Nightshift.Core.Tests.Plant;

public class PlantFileFuzzTests
{
    private const string Alphabet = ":-{}[],#&*!|>'\"?%@` \t\n\r\\~.0123456789abcxyzTRUE\u00e9\u200b\u0000";

    private static readonly string[] Tokens =
    [
        "null", "~", "[]", "{}", "- ", ": ", "&a ", "*a", "!!int ", "!!map ", "---\n", "...\n", "<<: *a", "? ", "|\n  x\n",
        "id", "type", "sites", "types", "areas", "lines", "cells", "equipment", "tags", "attributes", "min", "1e400", ".nan",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_mutations_of_a_valid_file_give_a_model_or_a_plant_file_exception(int seed)
    {
        var random = new Random(seed);
        var models = 0;
        for (var i = 0; i < 1500; i++)
        {
            var yaml = Mutate(SamplePlantFiles.Valid, random, 1 + random.Next(4));
            try
            {
                PlantFileLoader.Load(SamplePlantFiles.FileName, yaml, "fuzz").ShouldNotBeNull();
                models++;
            }
            catch (PlantFileException e)
            {
                e.Errors.ShouldNotBeEmpty();
                e.Errors.ShouldAllBe(error => error.File == SamplePlantFiles.FileName && error.Line >= 0 && error.Message.Length > 0);
            }
            catch (Exception e) when (e is not Shouldly.ShouldAssertException)
            {
                Assert.Fail($"seed {seed}, case {i}: {e.GetType().Name}: {e.Message}\n--- input ---\n{yaml}");
            }
        }

        models.ShouldBeGreaterThan(0);
    }

    private static string Mutate(string yaml, Random random, int count)
    {
        var text = new StringBuilder(yaml);
        for (var m = 0; m < count; m++)
        {
            var at = random.Next(text.Length + 1);
            switch (random.Next(6))
            {
                case 0:
                    text.Remove(Math.Min(at, text.Length - 1), Math.Min(1 + random.Next(12), text.Length - Math.Min(at, text.Length - 1)));
                    break;
                case 1:
                    text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 2:
                    text.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3:
                    var lines = text.ToString().Split('\n');
                    var line = lines[random.Next(lines.Length)];
                    text.Insert(at, line + "\n");
                    break;
                case 4:
                    var all = text.ToString().Split('\n');
                    var (a, b) = (random.Next(all.Length), random.Next(all.Length));
                    (all[a], all[b]) = (all[b], all[a]);
                    text.Clear().AppendJoin('\n', all);
                    break;
                default:
                    text.Insert(at, random.Next(2) == 0 ? "  " : "\n");
                    break;
            }
        }

        return text.ToString();
    }
}
