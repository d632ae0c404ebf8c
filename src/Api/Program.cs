using KtvRec.Api.Charts;
using KtvRec.Api.Dashboard;
using KtvRec.Api.Demo;
using KtvRec.Api.Events;
using KtvRec.Api.Feedback;
using KtvRec.Api.Hosting;
using KtvRec.Api.Operations;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Retraining;
using KtvRec.Api.Rules;
using KtvRec.Api.Security;
using KtvRec.Api.Serving;
using KtvRec.Api.Sessions;
using KtvRec.Api.Songs;
using KtvRec.Api.State;
using KtvRec.Api.Stats;
using KtvRec.Api.Storage;
using KtvRec.Api.Users;
using KtvRec.Training.Trainer;
using Prometheus;

NativeMemory.LimitFragmentation();
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSecurity();
builder.Services.AddLimits();
builder.AddStorage();
builder.Services.AddErrorHandling();
builder.Services.AddApiDocumentation();
builder.Services.AddSongs();
builder.Services.AddUsers();
builder.Services.AddSessions();
builder.Services.AddEvents();
builder.Services.AddFeedback();
builder.Services.AddRecommendations();
builder.Services.AddCharts();
builder.Services.AddRules();
builder.Services.AddState();
builder.Services.AddDemo();
builder.Services.AddServing();
builder.Services.AddStartupSequence(
    typeof(DatabaseMigrator),       // the schema, before anything reads the database
    typeof(DemoVenueLoader),        // a simulated venue into an empty database, when enabled
    typeof(StateFeed),              // users in memory from what is stored; then it follows new events
    typeof(PopularityRanking),      // the first ranking, so no request computes one
    typeof(RecommendationTraffic),  // adds the lists served to the daily counts from then on, and once more at shutdown
    typeof(ModelSync),              // follows the registry's serving version from then on
    typeof(ModelStartup));          // loads the serving model; schedules retraining, or queues a first one
builder.AddRetraining();
builder.Services.AddOperations(builder.Configuration);

var app = builder.Build();

app.UseTrustedProxies();
app.UseErrorHandling();
app.UseBodyLimit();
app.UseDashboard();
app.UseHttpMetrics();
app.UseCrossSiteGuard();
app.UseSecurity();
app.UseApiDocumentation();
app.MapEvents();
app.MapUsers();
app.MapSongs();
app.MapSessions();
app.MapRecommendations();
app.MapCharts();
app.MapRules();
app.MapStats();
app.MapServing();
app.MapRetraining();
app.MapOperations();

app.Run();

/// <summary>The service's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
