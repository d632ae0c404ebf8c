using KtvRec.Api.Hosting;
using KtvRec.Api.Operations;
using KtvRec.Api.Retraining;
using KtvRec.Api.Security;
using KtvRec.Api.Serving;
using KtvRec.Api.Storage;
using Prometheus;

NativeMemory.LimitFragmentation();
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSecurity();
builder.Services.AddLimits();
builder.AddStorage();
builder.Services.AddErrorHandling();
builder.Services.AddApiDocumentation();
builder.Services.AddVenue();
builder.Services.AddServing();
builder.AddRetraining();
builder.Services.AddOperations();

var app = builder.Build();

app.UseErrorHandling();
app.UseBodyLimit();
app.UseHttpMetrics();
app.UseSecurity();
app.UseApiDocumentation();
app.MapVenue();
app.MapServing();
app.MapRetraining();
app.MapOperations();

app.Run();

/// <summary>The service's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
