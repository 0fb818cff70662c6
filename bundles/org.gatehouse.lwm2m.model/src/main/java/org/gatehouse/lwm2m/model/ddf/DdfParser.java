package org.gatehouse.lwm2m.model.ddf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.model.Operations;
import org.gatehouse.lwm2m.model.ResourceModel;
import org.gatehouse.lwm2m.model.ResourceType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Parses OMA DDF XML ({@code <LWM2M><Object>...}) into {@link ObjectModel}s. External entities and
 * DTDs are refused: model files come from users' folders and must not reach the network.
 *
 * @since 1.0.0
 */
public final class DdfParser {

    private DdfParser() {
    }

    public static List<ObjectModel> parse(InputStream in, String source) throws DdfException {
        Document doc;
        try {
            doc = builder().parse(in);
        } catch (SAXException | IOException e) {
            throw new DdfException(source + ": not well-formed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"LWM2M".equals(root.getNodeName())) {
            throw new DdfException(source + ": root element is <" + root.getNodeName() + ">, expected <LWM2M>");
        }
        List<ObjectModel> models = new ArrayList<>();
        for (Element object : children(root, "Object")) {
            models.add(object(object, source));
        }
        if (models.isEmpty()) {
            throw new DdfException(source + ": no <Object> element");
        }
        return models;
    }

    private static ObjectModel object(Element e, String source) throws DdfException {
        String where = source + ": <Object>";
        int id = integer(required(e, "ObjectID", where), where + "/<ObjectID>");
        where = source + ": object " + id;
        List<ResourceModel> resources = new ArrayList<>();
        Element container = child(e, "Resources");
        if (container != null) {
            for (Element item : children(container, "Item")) {
                resources.add(resource(item, where));
            }
        }
        try {
            return new ObjectModel(id, required(e, "Name", where), text(e, "Description1"), text(e, "ObjectVersion"),
                text(e, "LWM2MVersion"), text(e, "ObjectURN"), multiple(required(e, "MultipleInstances", where), where),
                mandatory(required(e, "Mandatory", where), where), ObjectModel.index(resources));
        } catch (IllegalArgumentException ex) {
            throw new DdfException(where + ": " + ex.getMessage(), ex);
        }
    }

    private static ResourceModel resource(Element item, String objectWhere) throws DdfException {
        String where = objectWhere + ": <Item ID=\"" + item.getAttribute("ID") + "\">";
        int id = integer(item.getAttribute("ID"), where);
        try {
            return new ResourceModel(id, required(item, "Name", where), Operations.fromDdf(text(item, "Operations")),
                multiple(required(item, "MultipleInstances", where), where), mandatory(required(item, "Mandatory", where), where),
                ResourceType.fromDdf(text(item, "Type")), text(item, "RangeEnumeration"), text(item, "Units"),
                text(item, "Description"));
        } catch (IllegalArgumentException ex) {
            throw new DdfException(where + ": " + ex.getMessage(), ex);
        }
    }

    private static boolean multiple(String text, String where) throws DdfException {
        return switch (text) {
            case "Multiple" -> true;
            case "Single" -> false;
            default -> throw new DdfException(where + ": MultipleInstances is '" + text + "', expected Single or Multiple");
        };
    }

    private static boolean mandatory(String text, String where) throws DdfException {
        return switch (text) {
            case "Mandatory" -> true;
            case "Optional" -> false;
            default -> throw new DdfException(where + ": Mandatory is '" + text + "', expected Mandatory or Optional");
        };
    }

    private static int integer(String text, String where) throws DdfException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException ex) {
            throw new DdfException(where + ": '" + text + "' is not an id", ex);
        }
    }

    private static String required(Element parent, String name, String where) throws DdfException {
        Element e = child(parent, name);
        if (e == null) {
            throw new DdfException(where + ": missing <" + name + ">");
        }
        return e.getTextContent().trim();
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element el && name.equals(el.getNodeName())) {
                result.add(el);
            }
        }
        return result;
    }

    private static DocumentBuilder builder() throws DdfException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e; // reported through DdfException, not printed
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new DdfException("XML parser unavailable: " + e.getMessage(), e);
        }
    }
}
