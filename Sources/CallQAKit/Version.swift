public enum CallQAKitVersion { public static let string = "0.1.0" }
