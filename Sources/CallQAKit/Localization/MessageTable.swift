/// The two tables of the catalogue, one per ``Language``.
enum MessageTable {}
