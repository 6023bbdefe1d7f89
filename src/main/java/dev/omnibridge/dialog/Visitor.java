package dev.omnibridge.dialog;

/** The customer as the Omnidesk rule template describes them. Any field may be empty. */
public record Visitor(String id, String name, String email, String phone) {

    public static final Visitor UNKNOWN = new Visitor("", "", "", "");

    public Visitor {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        email = email == null ? "" : email;
        phone = phone == null ? "" : phone;
    }
}
