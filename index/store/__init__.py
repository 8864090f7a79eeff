"""The Whoosh index on disk and byline's specialisation of Whoosh."""
