using Nightshift.EndToEnd.Tests.Support;

// One demo instance serves every test class that asks for it; the restart tests start instances of their own.
[assembly: AssemblyFixture(typeof(SharedPlatform))]

// The tests mostly wait on the platform; a few more in flight than cores keeps the suite short.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
