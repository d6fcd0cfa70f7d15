[assembly: AssemblyFixture(typeof(Nightshift.Twins.Tests.SharedSilo))]
