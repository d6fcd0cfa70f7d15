using System.Text;
using System.Text.Json;

namespace Nightshift.Server.Tests.Notifications;

/// <summary>One request as the <see cref="WebhookReceiver"/> got it, and the status it answered.</summary>
public sealed record ReceivedWebhook(string Query, byte[] Body, string Signature, string DeliveryId, string Event, string Timestamp, string ContentType, int Answered)
{
    public JsonElement Json => JsonDocument.Parse(Encoding.UTF8.GetString(Body)).RootElement.Clone();
}
